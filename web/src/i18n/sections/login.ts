import { section } from '../section.ts';

export default section({
    title: 'Logga in',
    email: 'E-postadress',
    password: 'Lösenord',
    submit: 'Logga in',
    failed: 'Fel e-postadress eller lösenord.',
    rateLimited: 'För många försök. Vänta en stund.',
  }, {
    title: 'Log in',
    email: 'E-mail address',
    password: 'Password',
    submit: 'Log in',
    failed: 'Wrong e-mail address or password.',
    rateLimited: 'Too many attempts. Wait a while.',
  });
