import { describeKillMatrix } from './kill-matrix';

describeKillMatrix(5);
