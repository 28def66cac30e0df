import { registerEnumType } from '@nestjs/graphql';

export enum RapidActionStateValue {
  OPEN = 'open',
  RESOLVED = 'resolved',
}

export enum RapidActionSeverity {
  S1 = 'S1',
  S2 = 'S2',
  S3 = 'S3',
  S4 = 'S4',
}

export enum SubDriScopeKind {
  PART = 'part',
  PERSPECTIVE = 'perspective',
  TIME_ZONE = 'time-zone',
}

export enum UpdatePosterRole {
  DRI = 'dri',
  SUB_DRI = 'sub-dri',
}

registerEnumType(RapidActionStateValue, { name: 'RapidActionState' });
registerEnumType(RapidActionSeverity, { name: 'RapidActionSeverity', description: 'S1 is the most severe' });
registerEnumType(SubDriScopeKind, {
  name: 'SubDriScopeKind',
  description: 'What a sub-DRI answers for',
  valuesMap: {
    PART: { description: 'A part of the problem' },
    PERSPECTIVE: { description: 'A perspective: engineering, infrastructure, product…' },
    TIME_ZONE: { description: 'A time zone or region: AMER, EMEA, APAC…' },
  },
});
registerEnumType(UpdatePosterRole, { name: 'UpdatePosterRole' });
