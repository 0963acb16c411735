import { zooMember } from '../../fixtures/correct/members';
import { describeZoo } from './describe-zoo';

describeZoo('virtual layouts and scattering unlike the reference', ['identity-mapped', 'top-of-space', 'scattered', 'page-segments'].map(zooMember));
