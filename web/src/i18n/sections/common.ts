import { section } from '../section.ts';

export default section({
    roles: { reporter: 'Rapportör', coordinator: 'Samordnare', areaGroup: 'Områdesgrupp', viewer: 'Läsare', admin: 'Administratör' },
    reviewStatus: { new: 'Ny', reviewed: 'Granskad', rejected: 'Avvisad', duplicate: 'Dubblett' },
    visibility: { normal: 'Synlig för alla i kommunen', restricted: 'Begränsad (egen organisation och samordnare)' },
  }, {
    roles: { reporter: 'Reporter', coordinator: 'Coordinator', areaGroup: 'Area group', viewer: 'Viewer', admin: 'Administrator' },
    reviewStatus: { new: 'New', reviewed: 'Reviewed', rejected: 'Rejected', duplicate: 'Duplicate' },
    visibility: { normal: 'Visible to everyone in the municipality', restricted: 'Restricted (own organisation and coordinators)' },
  });
