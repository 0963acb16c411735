import { zooMember } from '../../fixtures/correct/members';
import { describeZoo } from './describe-zoo';

describeZoo('ids and misuse reporting unlike the reference', ['high-ids', 'reused-ids', 'strict-misuse', 'quiet-misuse', 'prep-refuses-unmeetable'].map(zooMember));
