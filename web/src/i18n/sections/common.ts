import { section } from '../section.ts';
import { DOMAIN_TERMS } from '../../../../src/core/i18n/terms.ts';

export default section({
    roles: { reporter: 'Rapportör', coordinator: 'Samordnare', areaGroup: 'Områdesgrupp', viewer: 'Läsare', admin: 'Administratör', dataProtection: 'Dataskyddsombud' },
    reviewStatus: DOMAIN_TERMS.sv.reviewStatus,
    visibility: { normal: 'Synlig för alla i kommunen', restricted: 'Begränsad (egen organisation och samordnare)' },
    // Every free text that is stored (issue 16 item 12): the warning while typing, and what the server removed.
    privacy: {
      body: 'Personuppgifter ska inte stå här. Det här hittades:',
      removed: 'Personuppgifterna är borttagna ur texten.',
      serverCleaned: 'Personuppgifter togs bort ur texten innan den sparades: {kinds}.',
    },
  }, {
    roles: { reporter: 'Reporter', coordinator: 'Coordinator', areaGroup: 'Area group', viewer: 'Viewer', admin: 'Administrator', dataProtection: 'Data protection officer' },
    reviewStatus: DOMAIN_TERMS.en.reviewStatus,
    visibility: { normal: 'Visible to everyone in the municipality', restricted: 'Restricted (own organisation and coordinators)' },
    privacy: {
      body: 'Personal data must not be here. This was found:',
      removed: 'The personal data has been removed from the text.',
      serverCleaned: 'Personal data was removed from the text before it was stored: {kinds}.',
    },
  });
