import type { DossierStatus } from '../sync/portal-types.js';

/**
 * The legal moves of a dossier (domain.md's status list). Shared by the desk and the reference
 * portal, so both refuse the same illegal transitions.
 */
export const TRANSITIONS: Record<DossierStatus, DossierStatus[]> = {
  new: ['received', 'refused', 'supplement', 'withdrawn'],
  received: ['processing', 'supplement', 'refused', 'withdrawn'],
  processing: ['supplement', 'payment', 'stopped', 'result_ready', 'withdrawn'],
  supplement: ['received', 'refused', 'withdrawn'],
  payment: ['processing', 'result_ready', 'stopped', 'withdrawn'],
  stopped: ['processing'],
  result_ready: ['returned'],
  refused: [],
  withdrawn: [],
  returned: [],
};

export function isLegalTransition(from: DossierStatus, to: DossierStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

export const STATUS_LABELS: Record<DossierStatus, { vi: string; en: string; number: number }> = {
  new: { vi: 'Mới đăng ký', en: 'New', number: 1 },
  received: { vi: 'Được tiếp nhận', en: 'Received', number: 2 },
  refused: { vi: 'Không được tiếp nhận', en: 'Refused', number: 3 },
  processing: { vi: 'Đang xử lý', en: 'Processing', number: 4 },
  supplement: { vi: 'Yêu cầu bổ sung giấy tờ', en: 'Waiting for documents', number: 5 },
  payment: { vi: 'Yêu cầu thực hiện nghĩa vụ tài chính', en: 'Awaiting payment', number: 6 },
  withdrawn: { vi: 'Công dân yêu cầu rút hồ sơ', en: 'Withdrawn', number: 7 },
  stopped: { vi: 'Dừng xử lý', en: 'Stopped', number: 8 },
  result_ready: { vi: 'Đã xử lý xong', en: 'Result ready', number: 9 },
  returned: { vi: 'Đã trả kết quả', en: 'Returned', number: 10 },
};
