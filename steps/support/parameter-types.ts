import { defineParameterType } from '@cucumber/cucumber';

import { findPerson, PERSONA_NAMES, type Tenant } from '../../fixtures/tenant';
import { FACE_UNAVAILABLE_REASONS } from '../../mocks/mam/reasons';
import { worker } from './worker';

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

defineParameterType({
  name: 'person',
  regexp: new RegExp(PERSONA_NAMES.map(escape).join('|')),
  transformer: (name: string) => findPerson(worker().tenant as Tenant, name),
});

const METHODS: Record<string, 'face' | 'password' | 'pin'> = {
  'face recognition': 'face',
  'her face': 'face',
  'his face': 'face',
  'her password': 'password',
  'his password': 'password',
  password: 'password',
  'her PIN': 'pin',
  'his PIN': 'pin',
  PIN: 'pin',
};

defineParameterType({
  name: 'method',
  regexp: new RegExp(
    Object.keys(METHODS)
      .sort((a, b) => b.length - a.length)
      .map(escape)
      .join('|'),
  ),
  transformer: (words: string) => METHODS[words]!,
});

defineParameterType({
  name: 'reason',
  regexp: new RegExp(Object.keys(FACE_UNAVAILABLE_REASONS).join('|')),
  transformer: (code: string) => code,
});
