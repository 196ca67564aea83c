import { describe, expect, it } from 'vitest';
import { DEFAULT_ROLES } from '../options.js';
import { desiredGrants, planSharingRepairs } from './enforce.js';

const parties = {
  teamMember: { email: 'ana@acme.test', name: 'Ana' },
  manager: { email: 'ben@acme.test', name: 'Ben' },
  managersManager: { email: 'cy@acme.test', name: 'Cy' },
  hr: { email: 'hr@acme.test', name: 'HR' },
  stage: 'shared' as const,
};
const desired = desiredGrants(parties, { roles: DEFAULT_ROLES, groupEmails: ['hr@acme.test'], subject: 'plans@acme.test' });
const direct = [{ permissionType: 'file', role: 'writer', inherited: false }];
const owner = { id: 'o', type: 'user', role: 'owner', emailAddress: 'plans@acme.test', permissionDetails: direct };
const four = [
  { id: 'a', type: 'user', role: 'writer', emailAddress: 'ana@acme.test', permissionDetails: direct },
  { id: 'b', type: 'user', role: 'writer', emailAddress: 'Ben@acme.test', permissionDetails: direct },
  { id: 'c', type: 'user', role: 'commenter', emailAddress: 'cy@acme.test', permissionDetails: direct },
  { id: 'h', type: 'group', role: 'commenter', emailAddress: 'hr@acme.test', permissionDetails: direct },
];

describe('planSharingRepairs', () => {
  it('grants HR as a group when its address is a group', () => {
    expect(desired.find((g) => g.party === 'hr')?.type).toBe('group');
  });

  it('finds nothing to do with the owner and the four', () => {
    expect(planSharingRepairs([owner, ...four], desired, 'plans@acme.test')).toEqual({ remove: [], unremovable: [], grant: [], update: [] });
  });

  it('removes a stray user, anyone and the domain; restores a missing party and a raised role', () => {
    const stray = { id: 's', type: 'user', role: 'reader', emailAddress: 'eve@acme.test', permissionDetails: direct };
    const anyone = { id: 'anyoneWithLink', type: 'anyone', role: 'reader', permissionDetails: direct };
    const domain = { id: 'd', type: 'domain', role: 'reader', domain: 'acme.test', permissionDetails: direct };
    const raised = { ...four[2], role: 'writer' };
    const repairs = planSharingRepairs([owner, four[0]!, four[1]!, raised, stray, anyone, domain], desired, 'plans@acme.test');
    expect(repairs.remove.map((p) => p.id)).toEqual(['s', 'anyoneWithLink', 'd']);
    expect(repairs.update.map((u) => [u.permission.id, u.grant.role])).toEqual([['c', 'commenter']]);
    expect(repairs.grant.map((g) => g.party)).toEqual(['hr']);
    expect(repairs.unremovable).toEqual([]);
  });

  it('reports access inherited from the folder as unremovable', () => {
    const inherited = { id: 'anyoneWithLink', type: 'anyone', role: 'reader', permissionDetails: [{ permissionType: 'file', role: 'reader', inherited: true }] };
    expect(planSharingRepairs([owner, ...four, inherited], desired, 'plans@acme.test').unremovable).toEqual([inherited]);
  });

  it('cannot remove an owner other than the subject (ownership was transferred), and never removes the subject itself', () => {
    const foreign = { id: 'x', type: 'user', role: 'owner', emailAddress: 'eve@acme.test', permissionDetails: direct };
    // Drive leaves the previous owner as a writer: deleting that would lock the service out of the document.
    const formerOwner = { ...owner, role: 'writer' };
    expect(planSharingRepairs([foreign, formerOwner, ...four], desired, 'plans@acme.test')).toMatchObject({ remove: [], unremovable: [foreign] });
  });

  it('accepts the on-close role for the team member and manager only', () => {
    const closed = [owner, { ...four[0]!, role: 'commenter' }, { ...four[1]!, role: 'commenter' }, four[2]!, four[3]!];
    expect(planSharingRepairs(closed, desired, 'plans@acme.test', 'commenter').update).toEqual([]);
    const lowered = [owner, ...four.slice(0, 3), { ...four[3]!, role: 'reader' }];
    expect(planSharingRepairs(lowered, desired, 'plans@acme.test', 'reader').update.map((u) => u.grant.party)).toEqual(['hr']);
  });
});
