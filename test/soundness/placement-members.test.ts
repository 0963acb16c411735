import { zooMember } from '../../fixtures/correct/members';
import { describeZoo } from './describe-zoo';

describeZoo(
  'placement engines unlike the reference',
  ['first-fit-header', 'buddy', 'best-fit-top-down', 'random-fit', 'page-local-pools'].map(zooMember),
);
