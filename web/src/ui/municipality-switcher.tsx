import { t } from '../i18n/index.ts';
import { ALL, chooseMunicipality, municipalityChoice, myMunicipalities, scopeTitle } from '../municipality-choice.ts';

/**
 * The top bar's municipality switcher, for a user who works in more than one (the police area):
 * each municipality by name and "Alla mina kommuner". A labelled native select, so keyboards,
 * screen readers and phones handle it as they handle every select. Nothing for a user with one.
 */
export function MunicipalitySwitcher() {
  const list = myMunicipalities.value;
  if (list.length < 2) return null;
  return (
    <div class="municipality-switch">
      <label for="municipality-select">{t('app.municipality.label')}</label>
      <select id="municipality-select" value={municipalityChoice.value} onChange={(e) => chooseMunicipality((e.target as HTMLSelectElement).value)}>
        {list.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
        <option value={ALL}>{t('app.municipality.all')}</option>
      </select>
    </div>
  );
}

/**
 * What a page that follows the choice covers, after its title in the heading: "Lägesbild – Alingsås
 * kommun", "Händelser i tabell – Alingsås och Vårgårda kommuner". Shown for one municipality too.
 */
export function ScopeSuffix() {
  const title = scopeTitle.value;
  return title ? <span class="heading-scope"> – {title}</span> : null;
}
