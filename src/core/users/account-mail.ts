/**
 * The e-mail Lägesbild sends about a person's own account, in Swedish or English (issue 16 item
 * 5): an invitation with a link to choose a password, a link to set a new one (asked for by the
 * user or sent by an administrator or coordinator), and the notices that something was changed.
 * Plain text, since the mailer sends text. Links open the web app's page for choosing a password.
 */
export type MailLanguage = 'sv' | 'en';

export type AccountMail =
  | { kind: 'invitation'; name: string; organisation: string; invitedBy: string; link: string; validDays: number }
  | { kind: 'reset'; name: string; link: string; validHours: number }
  | { kind: 'resetBy'; name: string; by: string; link: string; validHours: number }
  | { kind: 'passwordChanged'; name: string; at: string }
  | { kind: 'mfaReset'; name: string; by: string };

/** The page of the web app that sets a password from a link (web/src/pages/account). */
export const SET_PASSWORD_PATH = '/valj-losenord';

/** The link of an e-mail: the app's public address, the page and the token. */
export function accountLink(publicUrl: string, token: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/#${SET_PASSWORD_PATH}?token=${encodeURIComponent(token)}`;
}

const NOT_YOU = {
  sv: 'Var det inte du, eller väntade du dig inte detta? Kontakta Lägesbilds administratör i din kommun.',
  en: 'If this was not you, or you did not expect it, contact the Lägesbild administrator of your municipality.',
};

/** Subject and body of one e-mail. */
export function accountMail(lang: MailLanguage, m: AccountMail): { subject: string; body: string } {
  const sv = lang === 'sv';
  const hello = sv ? `Hej ${m.name}!` : `Hello ${m.name},`;
  const sign = sv ? '\n\n/Lägesbild' : '\n\n– Lägesbild';
  switch (m.kind) {
    case 'invitation':
      return sv
        ? { subject: 'Du är inbjuden till Lägesbild', body: `${hello}\n\n${m.invitedBy} har skapat ett konto åt dig i Lägesbild för ${m.organisation}. Välj ditt lösenord med länken nedan; den gäller i ${m.validDays} dagar och kan användas en gång.\n\n${m.link}\n\nDitt användarnamn är din e-postadress.${sign}` }
        : { subject: 'You are invited to Lägesbild', body: `${hello}\n\n${m.invitedBy} has created an account for you in Lägesbild for ${m.organisation}. Choose your password with the link below; it is valid for ${m.validDays} days and can be used once.\n\n${m.link}\n\nYour user name is your e-mail address.${sign}` };
    case 'reset':
      return sv
        ? { subject: 'Nytt lösenord till Lägesbild', body: `${hello}\n\nNågon (förhoppningsvis du) bad om ett nytt lösenord till ditt konto i Lägesbild. Välj ett nytt lösenord med länken nedan; den gäller i ${m.validHours} timmar och kan användas en gång.\n\n${m.link}\n\nHar du inte bett om det kan du bortse från detta meddelande: ditt lösenord är oförändrat.${sign}` }
        : { subject: 'New password for Lägesbild', body: `${hello}\n\nSomeone (hopefully you) asked for a new password for your Lägesbild account. Choose a new password with the link below; it is valid for ${m.validHours} hours and can be used once.\n\n${m.link}\n\nIf you did not ask for it, ignore this message: your password is unchanged.${sign}` };
    case 'resetBy':
      return sv
        ? { subject: 'Ditt lösenord till Lägesbild har återställts', body: `${hello}\n\n${m.by} har återställt lösenordet till ditt konto i Lägesbild och du har loggats ut. Välj ett nytt lösenord med länken nedan; den gäller i ${m.validHours} timmar och kan användas en gång.\n\n${m.link}\n\n${NOT_YOU.sv}${sign}` }
        : { subject: 'Your Lägesbild password has been reset', body: `${hello}\n\n${m.by} has reset the password of your Lägesbild account and you have been logged out. Choose a new password with the link below; it is valid for ${m.validHours} hours and can be used once.\n\n${m.link}\n\n${NOT_YOU.en}${sign}` };
    case 'passwordChanged':
      return sv
        ? { subject: 'Ditt lösenord till Lägesbild har ändrats', body: `${hello}\n\nLösenordet till ditt konto i Lägesbild ändrades ${m.at}. Du har loggats ut på alla andra enheter.\n\n${NOT_YOU.sv}${sign}` }
        : { subject: 'Your Lägesbild password was changed', body: `${hello}\n\nThe password of your Lägesbild account was changed on ${m.at}. You have been logged out on every other device.\n\n${NOT_YOU.en}${sign}` };
    case 'mfaReset':
      return sv
        ? { subject: 'Tvåstegsverifieringen för ditt konto i Lägesbild har återställts', body: `${hello}\n\n${m.by} har återställt tvåstegsverifieringen för ditt konto i Lägesbild. Nästa gång du loggar in får du ställa in den igen.\n\n${NOT_YOU.sv}${sign}` }
        : { subject: 'Two-step verification of your Lägesbild account has been reset', body: `${hello}\n\n${m.by} has reset the two-step verification of your Lägesbild account. You will set it up again the next time you log in.\n\n${NOT_YOU.en}${sign}` };
  }
}
