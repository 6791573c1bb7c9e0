import { section } from '../section.ts';
import { DOMAIN_TERMS } from '../../../../src/core/i18n/terms.ts';

export default section({
    roles: { reporter: 'Rapportör', coordinator: 'Samordnare', areaGroup: 'Områdesgrupp', viewer: 'Läsare', admin: 'Administratör', dataProtection: 'Dataskyddsombud' },
    reviewStatus: DOMAIN_TERMS.sv.reviewStatus,
    visibility: { normal: 'Synlig för alla i kommunen', restricted: 'Begränsad (egen organisation och samordnare)' },
  }, {
    roles: { reporter: 'Reporter', coordinator: 'Coordinator', areaGroup: 'Area group', viewer: 'Viewer', admin: 'Administrator', dataProtection: 'Data protection officer' },
    reviewStatus: DOMAIN_TERMS.en.reviewStatus,
    visibility: { normal: 'Visible to everyone in the municipality', restricted: 'Restricted (own organisation and coordinators)' },
  });
