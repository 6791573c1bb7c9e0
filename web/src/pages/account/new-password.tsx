import { t } from '../../i18n/index.ts';
import { controlProps, FieldMessage, Label } from '../../ui/form.tsx';

/** The server's minimum length (src/services/passwords.ts), for the hint and a check before sending; the server decides. */
export const PASSWORD_MIN_LENGTH = 10;

/** The messages a new password and its repetition get before they are sent (the server checks the rest). */
export function newPasswordProblems(password: string, repeat: string): { password?: string; repeat?: string } {
  if (!password) return { password: t('account.required') };
  if (password.length < PASSWORD_MIN_LENGTH) return { password: t('account.tooShort', { min: PASSWORD_MIN_LENGTH }) };
  if (password !== repeat) return { repeat: t('account.mismatch') };
  return {};
}

/** A new password typed twice, with the rule as a hint and the errors beside the fields. */
export function NewPasswordFields({ id, password, repeat, onPassword, onRepeat, error, repeatError }: {
  id: string; password: string; repeat: string; onPassword: (v: string) => void; onRepeat: (v: string) => void; error?: string; repeatError?: string;
}) {
  return (
    <>
      <Label for={`${id}-new`} required>{t('account.newPassword')}</Label>
      <input type="password" autocomplete="new-password" required maxLength={200} {...controlProps(`${id}-new`, error, true)} value={password} onInput={(e) => onPassword(e.currentTarget.value)} />
      <FieldMessage id={`${id}-new`} error={error} hint={t('account.minLength', { min: PASSWORD_MIN_LENGTH })} />
      <Label for={`${id}-repeat`} required>{t('account.repeat')}</Label>
      <input type="password" autocomplete="new-password" required maxLength={200} {...controlProps(`${id}-repeat`, repeatError)} value={repeat} onInput={(e) => onRepeat(e.currentTarget.value)} />
      <FieldMessage id={`${id}-repeat`} error={repeatError} />
    </>
  );
}
