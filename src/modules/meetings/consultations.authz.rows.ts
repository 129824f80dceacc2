import type { MatrixFixture, MatrixRows, Where } from '../../test/authz.js';
import { accountOf } from '../service-orders/testing.js';
import { MEETING_ROLES } from './permissions.js';
import { makeConsultation, makeMeeting } from './testing.js';

/**
 * Matrix rows of democratic consultation 协商议事: a consultation at street A's first community (inside) or street
 * B's (outside). Matrix sessions sit at street A's street node, so the inside one lies in every session's subtree.
 */
const DAY = 86_400_000;
const READERS = [...new Set([...MEETING_ROLES.read, ...MEETING_ROLES.consult])];
const open = (f: MatrixFixture, w: Where, comment = false) =>
  (async () =>
    makeConsultation(f.t.db, f.at(w).community, f.t.clock.now(), {
      title: `协商${f.uniq()}`,
      closesAt: new Date(f.t.clock.now().getTime() + 7 * DAY),
      commentBy: comment ? await accountOf(f.t.db, 'resident', f.tree.streetA.street.id) : null,
    }))();
const ended = (f: MatrixFixture, w: Where) =>
  makeConsultation(f.t.db, f.at(w).community, f.t.clock.now(), {
    title: `协商${f.uniq()}`,
    closesAt: new Date(f.t.clock.now().getTime() - DAY),
  });

export const consultationRows: MatrixRows = {
  'GET /api/consultations': {
    allow: READERS,
    ok: 200,
    outside: 'empty',
    call: async (f, w) => ({
      method: 'GET',
      url: `/api/consultations?q=${encodeURIComponent((await open(f, w)).consultation.title)}`,
    }),
  },
  'POST /api/consultations': {
    allow: MEETING_ROLES.manage,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: '/api/consultations',
      body: {
        territoryId: f.at(w).compound.id,
        title: `加装电梯${f.uniq()}`,
        notice: '征求本小区居民对加装电梯的意见',
        options: ['同意', '不同意'],
        closesAt: new Date(f.t.clock.now().getTime() + 7 * DAY).toISOString(),
      },
    }),
  },
  'GET /api/consultations/:id': {
    allow: READERS,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({ method: 'GET', url: `/api/consultations/${(await open(f, w)).consultation.id}` }),
  },
  'POST /api/consultations/:id/comments': {
    allow: MEETING_ROLES.consult,
    ok: 201,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/consultations/${(await open(f, w)).consultation.id}/comments`,
      body: { text: '建议分摊方案按楼层计算' },
    }),
  },
  'PUT /api/consultations/:id/vote': {
    allow: MEETING_ROLES.consult,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'PUT',
      url: `/api/consultations/${(await open(f, w)).consultation.id}/vote`,
      body: { option: 0 },
    }),
  },
  'POST /api/consultations/:id/comments/:commentId/hide': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await open(f, w, true);
      return {
        method: 'POST',
        url: `/api/consultations/${x.consultation.id}/comments/${x.comment!.id}/hide`,
        body: { reason: '含他人电话号码' },
      };
    },
  },
  'POST /api/consultations/:id/meeting': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => {
      const x = await open(f, w);
      const mt = await makeMeeting(f.t.db, f.at(w).community, f.t.clock.now(), { title: `议事会${f.uniq()}` });
      return {
        method: 'POST',
        url: `/api/consultations/${x.consultation.id}/meeting`,
        body: { meetingId: mt.meeting.id },
      };
    },
  },
  'POST /api/consultations/:id/conclude': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/consultations/${(await ended(f, w)).consultation.id}/conclude`,
      body: { result: '多数居民同意，提交居民议事会' },
    }),
  },
  'POST /api/consultations/:id/withdraw': {
    allow: MEETING_ROLES.manage,
    ok: 200,
    outside: 404,
    call: async (f, w) => ({
      method: 'POST',
      url: `/api/consultations/${(await open(f, w)).consultation.id}/withdraw`,
      body: { reason: '议题已由业委会处理' },
    }),
  },
};
