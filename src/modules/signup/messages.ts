import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const zhCN: MessageBundle = {
  'signup.codeFormat': '验证码为 6 位数字',
  'signup.tooSoon': '验证码发送过于频繁，请 {seconds} 秒后再试',
  'signup.tooManyPhone': '该手机号本小时获取验证码已达 {max} 次，请 {minutes} 分钟后再试',
  'signup.tooManyIp': '当前网络获取验证码过于频繁，请 {minutes} 分钟后再试',
  'signup.codeExpired': '验证码已失效，请重新获取',
  'signup.codeWrong': '验证码错误，还可尝试 {left} 次',
  'signup.codeTooManyTries': '验证码错误次数过多，请重新获取',
  'signup.ticketExpired': '注册已超时，请重新获取验证码',
  'signup.alreadyRegistered': '该手机号已注册，请直接登录',
  'signup.notHousehold': '请选择到具体的户（门牌号）',
  'signup.notPlace': '只能查询社区、小区、楼栋、单元的下级',
  'signup.notPending': '该申请已处理（{status}）',
  'signup.nothingToChange': '您已完成实名认证，无需重新选择住户',
  'signup.smsText': '【共治】您的注册验证码为 {code}，5 分钟内有效。如非本人操作请忽略。',
};
export const enUS: MessageBundle = {
  'signup.codeFormat': 'The code has 6 digits',
  'signup.tooSoon': 'A code was just sent; try again in {seconds} s',
  'signup.tooManyPhone': 'This number has had {max} codes this hour; try again in {minutes} min',
  'signup.tooManyIp': 'Too many codes from this network; try again in {minutes} min',
  'signup.codeExpired': 'The code has expired; ask for a new one',
  'signup.codeWrong': 'Wrong code; {left} tries left',
  'signup.codeTooManyTries': 'Too many wrong tries; ask for a new code',
  'signup.ticketExpired': 'Sign-up timed out; ask for a new code',
  'signup.alreadyRegistered': 'This number is already registered; please sign in',
  'signup.notHousehold': 'Choose a household (door number)',
  'signup.notPlace': 'Only communities, compounds, buildings and units can be opened',
  'signup.notPending': 'This request was already handled ({status})',
  'signup.nothingToChange': 'You are already verified; no need to choose a household again',
  'signup.smsText': '[Gongzhi] Your sign-up code is {code}, valid for 5 minutes.',
};
