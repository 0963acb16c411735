import { zooMember } from '../../fixtures/correct/members';
import { describeZoo } from './describe-zoo';

describeZoo('KM_SLEEP wake orders and timing unlike the reference', ['wake-newest-first', 'wake-smallest-first', 'delayed-wake', 'reserve-on-wake'].map(zooMember));
