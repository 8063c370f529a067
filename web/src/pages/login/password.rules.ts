// The password rule is the server's (server/auth/password.policy.ts): it decides and says why it
// refuses. The pages only show the length and let the browser hint with the field's minLength.
export const PASSWORD_MIN = 12;
