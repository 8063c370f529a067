// Personal invitation tokens: derived from the server secret and the invitation id, so a
// reminder can carry the same personal link again, while the database keeps only a hash.
import { createHash, createHmac } from 'node:crypto';

export const invitationToken = (secret: string, invitationId: string) => createHmac('sha256', secret).update(`invitation:${invitationId}`).digest('base64url');
export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
