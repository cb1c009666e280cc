// The main menu for each role. A screen's own role check lives in the router
// (meta.roles); this only decides which links a person sees.
import type { Role } from '../session/user'

export interface NavItem {
  to: string
  label: string
  /** A count shown beside the label: the new threads of オンライン相談, the referrals awaiting an answer (受け入れ), the supporters' urgent reports not yet taken into a case (派遣). */
  count?: 'consultations' | 'referrals' | 'urgent_reports'
}

export interface NavGroup {
  /** Group heading; null for a group without one. */
  heading: string | null
  items: NavItem[]
}

const byRole: Record<Role, NavGroup[]> = {
  admin: [
    {
      heading: '管理',
      items: [
        { to: '/admin/areas', label: '地域' },
        { to: '/admin/organisations', label: '組織' },
        { to: '/admin/users', label: '利用者' },
        { to: '/audit', label: '監査ログ' },
        { to: '/resources', label: '社会資源' },
        { to: '/reports/mhlw', label: '年次報告' },
      ],
    },
  ],
  supervisor: [
    {
      heading: null,
      items: [
        { to: '/cases', label: 'ケース' },
        { to: '/audit', label: '監査ログ' },
        { to: '/admin/users', label: '職員' },
        { to: '/referrals/inbox', label: '受け入れ', count: 'referrals' },
        { to: '/consultations', label: 'オンライン相談', count: 'consultations' },
        { to: '/resources', label: '社会資源' },
        { to: '/emergency-access', label: '緊急アクセス' },
        { to: '/dashboard', label: 'ダッシュボード' },
        { to: '/meetings', label: '会議' },
        { to: '/groups', label: '居場所・グループ' },
        { to: '/dispatches', label: '派遣', count: 'urgent_reports' },
        { to: '/supporters', label: 'サポーター' },
        { to: '/trainings', label: '研修' },
        { to: '/surveys', label: '実態把握調査' },
        { to: '/reports/mhlw', label: '年次報告' },
        { to: '/settings/public-profile', label: '公開ページの設定' },
      ],
    },
  ],
  coordinator: [
    {
      heading: null,
      items: [
        { to: '/cases', label: 'ケース' },
        { to: '/referrals/inbox', label: '受け入れ', count: 'referrals' },
        { to: '/consultations', label: 'オンライン相談', count: 'consultations' },
        { to: '/resources', label: '社会資源' },
        { to: '/emergency-access', label: '緊急アクセス' },
        { to: '/dashboard', label: 'ダッシュボード' },
        { to: '/meetings', label: '会議' },
        { to: '/groups', label: '居場所・グループ' },
        { to: '/dispatches', label: '派遣', count: 'urgent_reports' },
        { to: '/supporters', label: 'サポーター' },
        { to: '/trainings', label: '研修' },
        { to: '/surveys', label: '実態把握調査' },
        { to: '/reports/mhlw', label: '年次報告' },
      ],
    },
  ],
  ibasho_staff: [{ heading: null, items: [{ to: '/groups', label: '居場所・グループ' }] }],
  supporter: [{ heading: null, items: [{ to: '/supporter', label: '活動' }] }],
  surveyor: [{ heading: null, items: [{ to: '/survey', label: '実態把握調査' }] }],
  analyst: [
    {
      heading: null,
      items: [
        { to: '/dashboard', label: 'ダッシュボード' },
        { to: '/reports/mhlw', label: '年次報告' },
        { to: '/estimates', label: '推計' },
        { to: '/reports/prefecture', label: '市町村ごとの取組' },
      ],
    },
  ],
}

export function navigationFor(role: string | undefined): NavGroup[] {
  return (role && byRole[role as Role]) || []
}
