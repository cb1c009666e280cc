// Screens and who may open them. History mode: the server answers index.html
// for any path outside /api, and this router decides what to show.
import { createRouter, createWebHistory } from 'vue-router'
import { ensureSessionChecked, session } from './session/session'
import { loadMeta } from './meta/meta'

export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/login', name: 'login', component: () => import('./session/LoginPage.vue'), meta: { title: 'ログイン', public: true } },
    // The staff home with a session, the public portal without (public/StartPage.vue).
    { path: '/', name: 'home', component: () => import('./public/StartPage.vue'), meta: { title: 'ホーム', public: true } },
    // The public side (issue 19): no login, its own frame, never the staff navigation.
    { path: '/portal', component: () => import('./public/PortalPage.vue'), meta: { title: '相談窓口のご案内', public: true, publicSite: true } },
    { path: '/consult', component: () => import('./public/ConsultFormPage.vue'), meta: { title: '相談する', public: true, publicSite: true } },
    { path: '/consult/open', component: () => import('./public/ConsultOpenPage.vue'), meta: { title: '相談の続き', public: true, publicSite: true } },
    { path: '/consult/thread', component: () => import('./public/ConsultThreadPage.vue'), meta: { title: '相談の続き', public: true, publicSite: true } },
    { path: '/consultations', component: () => import('./consultations/ConsultationsPage.vue'), meta: { title: 'オンライン相談', roles: ['supervisor', 'coordinator'] } },
    { path: '/consultations/:id', component: () => import('./consultations/ConsultationPage.vue'), meta: { title: 'オンライン相談', roles: ['supervisor', 'coordinator'] } },
    { path: '/settings/public-profile', component: () => import('./public-profile/PublicProfilePage.vue'), meta: { title: '公開ページの設定', roles: ['supervisor'] } },
    // Every role: no `roles` in meta.
    { path: '/account/password', component: () => import('./session/PasswordChangePage.vue'), meta: { title: 'パスワードの変更' } },
    { path: '/account/two-factor', name: 'two-factor', component: () => import('./session/TwoFactorPage.vue'), meta: { title: '二段階認証' } },
    {
      path: '/admin/areas',
      component: () => import('./admin/areas/AreasPage.vue'),
      meta: { title: '地域', roles: ['admin'] },
    },
    {
      path: '/admin/organisations',
      component: () => import('./admin/organisations/OrganisationsPage.vue'),
      meta: { title: '組織', roles: ['admin'] },
    },
    {
      path: '/admin/users',
      component: () => import('./admin/users/UsersPage.vue'),
      meta: { title: '利用者', roles: ['admin', 'supervisor'] },
    },
    { path: '/audit', component: () => import('./audit/AuditPage.vue'), meta: { title: '監査ログ', roles: ['admin', 'supervisor'] } },
    { path: '/cases', component: () => import('./cases/CasesPage.vue'), meta: { title: 'ケース一覧', roles: ['supervisor', 'coordinator'] } },
    { path: '/cases/:id', component: () => import('./cases/CaseDetailPage.vue'), meta: { title: 'ケース', roles: ['supervisor', 'coordinator'] } },
    { path: '/persons/:id/deletion', component: () => import('./retention/PersonDeletionPage.vue'), meta: { title: '本人の求めによる削除', roles: ['supervisor'] } },
    { path: '/persons/:id/disclosure', component: () => import('./disclosure/DisclosurePage.vue'), meta: { title: '開示請求への対応', roles: ['supervisor'] } },
    { path: '/search', component: () => import('./search/SearchPage.vue'), meta: { title: '検索', roles: ['supervisor', 'coordinator'] } },
    { path: '/ibasho', redirect: '/groups' },
    { path: '/groups', component: () => import('./groups/GroupsPage.vue'), meta: { title: '居場所・グループ', roles: ['ibasho_staff', 'supervisor', 'coordinator'] } },
    { path: '/groups/:id', component: () => import('./groups/GroupDetailPage.vue'), meta: { title: '居場所・グループ', roles: ['ibasho_staff', 'supervisor', 'coordinator'] } },
    { path: '/groups/:id/figures', component: () => import('./groups/GroupFiguresPage.vue'), meta: { title: '年度の数字', roles: ['ibasho_staff', 'supervisor', 'coordinator', 'analyst'] } },
    { path: '/group-sessions/:id', component: () => import('./groups/SessionCheckinPage.vue'), meta: { title: '受付', roles: ['ibasho_staff', 'supervisor', 'coordinator'] } },
    { path: '/supporter', component: () => import('./supporters/SupporterHomePage.vue'), meta: { title: '活動', roles: ['supporter'] } },
    { path: '/supporters', component: () => import('./supporters/SupportersPage.vue'), meta: { title: 'サポーター', roles: ['supervisor', 'coordinator'] } },
    { path: '/trainings', component: () => import('./supporters/TrainingsPage.vue'), meta: { title: '研修', roles: ['supervisor', 'coordinator'] } },
    { path: '/dispatches', component: () => import('./supporters/DispatchBoardPage.vue'), meta: { title: '派遣', roles: ['supervisor', 'coordinator'] } },
    { path: '/survey', component: () => import('./surveys/SurveyAnswerPage.vue'), meta: { title: '実態把握調査', roles: ['surveyor'] } },
    { path: '/surveys', component: () => import('./surveys/SurveysPage.vue'), meta: { title: '実態把握調査', roles: ['supervisor', 'coordinator'] } },
    { path: '/surveys/:id', component: () => import('./surveys/SurveyDetailPage.vue'), meta: { title: '実態把握調査', roles: ['supervisor', 'coordinator'] } },
    { path: '/estimates', component: () => import('./surveys/EstimatesPage.vue'), meta: { title: '推計', roles: ['supervisor', 'coordinator', 'analyst'] } },
    { path: '/reports/prefecture', component: () => import('./surveys/PrefectureOverviewPage.vue'), meta: { title: '市町村ごとの取組', roles: ['supervisor', 'coordinator', 'analyst', 'admin'] } },
    { path: '/surveys/:id/bulk', component: () => import('./surveys/SurveyBulkEntryPage.vue'), meta: { title: '調査票の一括入力', roles: ['supervisor', 'coordinator'] } },
    { path: '/resources', component: () => import('./resources/ResourcesPage.vue'), meta: { title: '社会資源', roles: ['admin', 'supervisor', 'coordinator'] } },
    { path: '/resources/:id', component: () => import('./resources/ResourceDetailPage.vue'), meta: { title: '社会資源', roles: ['admin', 'supervisor', 'coordinator'] } },
    { path: '/referrals/inbox', component: () => import('./referrals/InboxPage.vue'), meta: { title: '受け入れ', roles: ['supervisor', 'coordinator'] } },
    { path: '/referrals/:id', component: () => import('./referrals/IncomingReferralPage.vue'), meta: { title: 'つなぎ', roles: ['supervisor', 'coordinator'] } },
    { path: '/dashboard', component: () => import('./dashboard/DashboardPage.vue'), meta: { title: 'ダッシュボード', roles: ['supervisor', 'coordinator', 'analyst'] } },
    { path: '/meetings', component: () => import('./meetings/MeetingsPage.vue'), meta: { title: '会議', roles: ['supervisor', 'coordinator'] } },
    { path: '/meetings/:id', component: () => import('./meetings/MeetingDetailPage.vue'), meta: { title: '会議', roles: ['supervisor', 'coordinator'] } },
    { path: '/reports/mhlw', component: () => import('./reports/MhlwReportPage.vue'), meta: { title: '年次報告（相談実績）', roles: ['analyst', 'admin', 'supervisor', 'coordinator'] } },
    { path: '/emergency-access', component: () => import('./emergency/EmergencyAccessPage.vue'), meta: { title: '緊急アクセス', roles: ['supervisor', 'coordinator'] } },
    {
      path: '/:pathMatch(.*)*',
      name: 'not-found',
      component: () => import('./layout/NotFoundPage.vue'),
      meta: { title: 'ページが見つかりません', public: true },
    },
  ],
})

router.beforeEach(async (to) => {
  // The choices of every form come from the server; no screen opens before them.
  await Promise.all([ensureSessionChecked(), loadMeta()])
  if (to.name === 'login' && session.user) return { name: 'home' }
  if (!to.meta.public && !session.user) {
    return { name: 'login', query: to.fullPath === '/' ? {} : { redirect: to.fullPath } }
  }
  // Until an authenticator app is enrolled, the server answers nothing else.
  if (session.user && session.mustEnrolTwoFactor && to.name !== 'two-factor' && (!to.meta.public || to.name === 'home')) return { name: 'two-factor' }
  return true
})

router.afterEach((to) => {
  // The portal at `/` is named for the public, the home for staff.
  const title = to.name === 'home' && !session.user ? '相談窓口のご案内' : to.meta.title
  document.title = title ? `${title} — つなぐ` : 'つなぐ'
})

/** Whether the route shows the public frame (no staff navigation): the public pages, and `/` without a session. */
export function isPublicSite(route: { name?: unknown; meta: { publicSite?: boolean } }): boolean {
  return !!route.meta.publicSite || (route.name === 'home' && !session.user)
}

/** Whether the signed-in person's role may open the screen. */
export function mayOpen(roles: readonly string[] | undefined): boolean {
  if (!roles) return true
  return !!session.user && roles.includes(session.user.role)
}
