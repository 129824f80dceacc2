import type { MessageBundle } from '../../kernel/i18n/i18n.js';

export const attachmentsZhCN: MessageBundle = {
  'attachment.notMultipart': '请以 multipart/form-data 上传文件',
  'attachment.noFiles': '请选择要上传的照片或文件',
  'attachment.tooMany': '一次最多上传 {max} 个文件',
  'attachment.tooLarge': '文件「{name}」超过大小上限 {max}',
  'attachment.badType':
    '文件「{name}」不是允许的类型：只接受 JPEG、PNG、WebP、HEIC 照片和 PDF（按文件内容识别，与文件名无关）',
  'attachment.badStage': '不能以该环节上传：{allowed}',
  'attachment.stage.report': '上报',
  'attachment.stage.resolve': '办结',
  'attachment.stage.other': '其他',
  'attachment.notAllowed': '只有提出诉求的居民、承办人或社区工作人员可以上传照片',
  'attachment.finished': '工单当前状态为「{status}」，不能再上传照片',
  'attachment.missing': '文件已不在存储中，请联系管理员',
};
export const attachmentsEnUS: MessageBundle = {
  'attachment.notMultipart': 'Upload the files as multipart/form-data',
  'attachment.noFiles': 'Choose a photo or file to upload',
  'attachment.tooMany': 'At most {max} files per upload',
  'attachment.tooLarge': '“{name}” is larger than the limit of {max}',
  'attachment.badType':
    '“{name}” is not an accepted type: only JPEG, PNG, WebP, HEIC photos and PDF (told by the content, not the name)',
  'attachment.badStage': 'You cannot upload at this stage: {allowed}',
  'attachment.stage.report': 'report',
  'attachment.stage.resolve': 'resolve',
  'attachment.stage.other': 'other',
  'attachment.notAllowed': 'Only the resident who reported it, the handler or community staff can upload photos',
  'attachment.finished': 'The order is “{status}”: no more photos can be added',
  'attachment.missing': 'The file is no longer in the store; contact the administrator',
};
