import { section } from '../section.ts';

/** "Mitt konto": the logged-in user's own page. */
export default section({
    title: 'Mitt konto',
    name: 'Namn',
    email: 'E-postadress',
    organisation: 'Organisation',
    roles: 'Roller',
  }, {
    title: 'My account',
    name: 'Name',
    email: 'E-mail address',
    organisation: 'Organisation',
    roles: 'Roles',
  });
