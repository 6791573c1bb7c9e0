/**
 * The organisations a new deployment is offered in the browser's set-up guide, by the kinds the
 * municipal guideline names (shared/seed/riktlinjer-brottsforebyggande-arbete-alingsas.md: "ledningen
 * för förvaltningarna, bolagen och räddningstjänstförbundet", "polis, Alingsås lasarett, Närhälsan
 * samt kommunens väktarbolag", "Civilsamhället bjuds in allt eftersom"). Every name is a suggestion
 * the person setting up edits or leaves out; civil society is left out unless chosen, as the
 * guideline invites it later. Pure.
 */
import type { OrganisationKind } from '../organisations/types.ts';

export interface SuggestedOrganisation {
  name: string;
  shortName: string;
  /** Ticked when the guide opens. */
  selected: boolean;
}

export interface TemplateKind {
  kind: OrganisationKind;
  organisations: SuggestedOrganisation[];
}

/**
 * The template, with the police area named after the first municipality chosen ("Polisen
 * lokalpolisområde Alingsås"); without one it keeps a general name.
 * @param municipalityNames the chosen municipalities' names, the first the police area's name
 * @returns the kinds in the guideline's order, each with its suggested organisations
 * @example organisationTemplate(['Alingsås', 'Vårgårda'])[3] // { kind: 'polis', organisations: [{ name: 'Polisen lokalpolisområde Alingsås', … }] }
 */
export function organisationTemplate(municipalityNames: readonly string[] = []): TemplateKind[] {
  const first = municipalityNames[0];
  const o = (name: string, shortName: string, selected = true): SuggestedOrganisation => ({ name, shortName, selected });
  return [
    {
      kind: 'forvaltning',
      organisations: [
        // The coordinator sits at kommunledningskontoret (the guideline's samordningsfunktion).
        o('Kommunledningskontoret', 'KLK'),
        o('Samhällsbyggnadsförvaltningen', 'SBF'),
        o('Barn- och utbildningsförvaltningen', 'BUF'),
        o('Socialförvaltningen', 'SOC'),
        o('Vård- och omsorgsförvaltningen', 'VOF'),
        o('Kultur- och fritidsförvaltningen', 'KFF'),
      ],
    },
    { kind: 'kommunalt_bolag', organisations: [o('Det kommunala bostadsbolaget', 'Bostadsbolaget'), o('Det kommunala energibolaget', 'Energibolaget')] },
    { kind: 'forbund', organisations: [o('Räddningstjänstförbundet', 'Räddningstjänsten')] },
    { kind: 'polis', organisations: [o(first ? `Polisen lokalpolisområde ${first}` : 'Polisen lokalpolisområdet', 'Polisen')] },
    { kind: 'region_vard', organisations: [o('Sjukhuset', 'Sjukhuset'), o('Vårdcentralen', 'Vårdcentralen')] },
    { kind: 'bevakningsforetag', organisations: [o('Bevakningsföretaget (kommunens väktarbolag)', 'Väktarna')] },
    { kind: 'civilsamhalle', organisations: [o('Nattvandrarna', 'Nattvandrarna', false), o('Föreningslivet', 'Föreningarna', false)] },
  ];
}
