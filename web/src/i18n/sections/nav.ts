import { section } from '../section.ts';

export default section({
    report: 'Rapportera',
    myReports: 'Mina rapporter',
    map: 'Lägesbild',
    table: 'Tabell',
    review: 'Granska',
    admin: 'Administration',
    situationPictures: 'Lägesbilder',
    meetings: 'Möten',
    measures: 'Åtgärder',
    actionPlan: 'Handlingsplan',
    account: 'Mitt konto',
  }, {
    report: 'Report',
    myReports: 'My reports',
    map: 'Situation map',
    table: 'Table',
    review: 'Review',
    admin: 'Administration',
    situationPictures: 'Situation pictures',
    meetings: 'Meetings',
    measures: 'Measures',
    actionPlan: 'Action plan',
    account: 'My account',
  });
