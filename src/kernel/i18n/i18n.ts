/** Server-side messages (errors, validation). The console has its own locale files; codes are shared. */
export const LOCALES = ['zh-CN', 'en-US'] as const;
export type Locale = (typeof LOCALES)[number];
export type MessageBundle = Record<string, string>;

const bundles: Record<Locale, MessageBundle> = { 'zh-CN': {}, 'en-US': {} };

/** Adds messages (kernel and module ones); later keys win, so a module may refine a kernel message. */
export function registerMessages(locale: Locale, messages: MessageBundle): void {
  Object.assign(bundles[locale], messages);
}

/** Translates `key` with `{param}` placeholders; falls back to zh-CN, then to the key itself. */
export function t(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const template = bundles[locale][key] ?? bundles['zh-CN'][key] ?? key;
  return template.replace(/\{(\w+)\}/g, (_, name: string) => String(params[name] ?? `{${name}}`));
}

/** Picks the locale: explicit choice (cookie) first, then Accept-Language; Chinese by default. */
export function pickLocale(explicit: string | undefined, acceptLanguage: string | undefined): Locale {
  if (explicit === 'en-US' || explicit === 'zh-CN') return explicit;
  if (acceptLanguage) {
    for (const part of acceptLanguage.split(',')) {
      const tag = part.split(';')[0]?.trim().toLowerCase() ?? '';
      if (tag.startsWith('zh')) return 'zh-CN';
      if (tag.startsWith('en')) return 'en-US';
    }
  }
  return 'zh-CN';
}

registerMessages('zh-CN', {
  'error.validation': '提交的内容有误，请检查标出的字段',
  'error.auth.required': '请先登录',
  'error.auth.invalidCredentials': '用户名或密码错误',
  'error.auth.totpRequired': '请输入动态验证码',
  'error.auth.totpInvalid': '动态验证码不正确',
  'error.auth.passwordChangeRequired': '请先修改初始密码',
  'error.auth.passwordPolicy': '密码不符合要求',
  'error.auth.csrf': '页面已过期，请刷新后重试',
  'error.forbidden': '没有执行此操作的权限',
  'error.auth.origin': '请求来自不受信任的网站，已拒绝',
  'error.idempotencyKey': 'Idempotency-Key 应为 8–200 个字母、数字或 . _ : - 字符',
  'error.idempotencyReused': '此 Idempotency-Key 已用于另一个操作',
  'error.idempotencyInProgress': '相同的请求正在处理或结果未知，请稍后查看，不要重复提交',
  'error.notFound': '记录不存在',
  'error.conflict': '操作与现有数据冲突',
  'error.rateLimited': '操作过于频繁，请稍后再试',
  'error.rateLimitedFor': '操作过于频繁，请 {retryAfter} 秒后再试',
  'error.payloadTooLarge': '提交的内容过大',
  'error.unsupportedMediaType': '不支持的内容类型',
  'error.internal': '服务器内部错误，请稍后再试',
  'validation.required': '必填',
  'validation.type': '类型不正确',
  'validation.tooShort': '至少 {min} 个字符',
  'validation.tooLong': '最多 {max} 个字符',
  'validation.tooSmall': '不能小于 {min}',
  'validation.tooBig': '不能大于 {max}',
  'validation.tooFewItems': '至少 {min} 项',
  'validation.tooManyItems': '最多 {max} 项',
  'validation.format': '格式不正确',
  'validation.oneOf': '取值无效，可选：{values}',
  'validation.unknownKeys': '不允许的字段：{keys}',
  'validation.invalid': '无效的值',
  'validation.json': '请求体不是有效的 JSON',
  'validation.controlCharacter': '含有不允许的控制字符',
  'password.tooShort': '密码至少 {min} 位',
  'password.classes': '密码须包含大写字母、小写字母、数字、符号中的至少 {min} 类',
  'password.sameAsOld': '新密码不能与当前密码相同',
  'password.containsUsername': '密码不能包含用户名',
  'password.currentWrong': '当前密码不正确',
});

registerMessages('en-US', {
  'error.validation': 'Some fields are not valid; please check them',
  'error.auth.required': 'Please sign in',
  'error.auth.invalidCredentials': 'Wrong username or password',
  'error.auth.totpRequired': 'Enter the code from your authenticator app',
  'error.auth.totpInvalid': 'The authenticator code is not correct',
  'error.auth.passwordChangeRequired': 'Please change your initial password first',
  'error.auth.passwordPolicy': 'The password does not meet the rules',
  'error.auth.csrf': 'The page has expired; reload and try again',
  'error.forbidden': 'You are not allowed to do this',
  'error.auth.origin': 'The request came from a site that is not trusted; refused',
  'error.idempotencyKey': 'Idempotency-Key must be 8–200 letters, digits or . _ : -',
  'error.idempotencyReused': 'This Idempotency-Key was used for another operation',
  'error.idempotencyInProgress':
    'The same request is being handled or its outcome is unknown; check before sending again',
  'error.notFound': 'Not found',
  'error.conflict': 'This conflicts with existing data',
  'error.rateLimited': 'Too many requests; try again later',
  'error.rateLimitedFor': 'Too many requests; try again in {retryAfter} s',
  'error.payloadTooLarge': 'The request is too large',
  'error.unsupportedMediaType': 'Unsupported content type',
  'error.internal': 'Internal server error; please try again later',
  'validation.required': 'Required',
  'validation.type': 'Wrong type',
  'validation.tooShort': 'At least {min} characters',
  'validation.tooLong': 'At most {max} characters',
  'validation.tooSmall': 'Must be at least {min}',
  'validation.tooBig': 'Must be at most {max}',
  'validation.tooFewItems': 'At least {min} items',
  'validation.tooManyItems': 'At most {max} items',
  'validation.format': 'Invalid format',
  'validation.oneOf': 'Invalid value; allowed: {values}',
  'validation.unknownKeys': 'Unknown fields: {keys}',
  'validation.invalid': 'Invalid value',
  'validation.json': 'The request body is not valid JSON',
  'validation.controlCharacter': 'Contains a control character that is not allowed',
  'password.tooShort': 'The password needs at least {min} characters',
  'password.classes': 'Use at least {min} of: upper case, lower case, digits, symbols',
  'password.sameAsOld': 'The new password must differ from the current one',
  'password.containsUsername': 'The password must not contain the username',
  'password.currentWrong': 'The current password is wrong',
});
