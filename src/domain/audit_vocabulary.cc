#include "domain/audit_vocabulary.h"

#include <algorithm>

namespace tsunagu::domain {
namespace {

constexpr AuditTerm kActions[] = {
    {"read", "閲覧"},
    {"create", "登録"},
    {"update", "変更"},
    {"delete", "削除"},
    {"login", "ログイン"},
    {"login_failed", "ログインの失敗"},
    {"logout", "ログアウト"},
    {"password_change_failed", "パスワード変更の失敗（今のパスワードの誤り）"},
    {"login_second_factor_requested", "ログイン（二段階認証コードの入力待ち）"},
    {"two_factor_enrolment_started", "二段階認証の設定を開始"},
    {"two_factor_enabled", "二段階認証を有効化"},
    {"two_factor_failed", "二段階認証コードの誤り"},
    {"two_factor_reset", "二段階認証のリセット"},
    {"recovery_codes_regenerated", "回復コードの再発行"},
    {"recovery_code_used", "回復コードでログイン"},
    {"denied", "権限がないため拒否"},
    {"open", "相談を開く（番号と合言葉）"},
    {"open_failed", "相談を開けなかった（番号か合言葉の誤り）"},
    {"disclose", "開示請求への回答の作成"},
    {"anonymise", "匿名化（保存期間の経過・本人の求め）"},
    {"erase", "本人の求めによる削除"},
};

constexpr AuditTerm kEntities[] = {
    {"session", "セッション"},
    {"user", "職員・利用者"},
    {"organisation", "組織"},
    {"organisation_public_profile", "組織の公開情報"},
    {"area", "地域"},
    {"area_population", "地域の人口"},
    {"ledger_import", "相談台帳の取り込み"},
    {"audit", "監査ログ"},
    {"route", "画面・API"},
    {"report", "集計・報告"},
    {"home", "ホーム画面（次にすること・届いたつなぎ・しばらく連絡がないケース・今週の会議・サポーターからの急ぎの連絡）"},
    {"case", "ケース"},
    {"case_from_consultation", "オンライン相談からのケース"},
    {"person", "本人・家族"},
    {"household", "世帯"},
    {"contact", "相談・支援の記録"},
    {"assessment", "アセスメント"},
    {"plan", "支援計画"},
    {"plan_progress", "支援計画のふりかえり"},
    {"stage_change", "ステージの記録"},
    {"consent", "同意"},
    {"referral", "つなぎ"},
    {"referral_feedback", "つなぎ先からの報告"},
    {"referral_share", "つなぎで共有した情報"},
    {"meeting", "会議"},
    {"meeting_case", "会議で話し合ったケース"},
    {"meeting_share", "会議で共有した情報"},
    {"follow_up", "会議で決まったこと"},
    {"emergency_access", "緊急アクセス"},
    {"retention_policy", "保存期間の設定"},
    {"two_factor_policy", "二段階認証の方針"},
    {"resource", "社会資源"},
    {"group", "居場所・グループ"},
    {"group_session", "居場所の開催回"},
    {"group_participant", "居場所の参加者"},
    {"group_attendance", "居場所の参加記録"},
    {"consultation_thread", "オンライン相談"},
    {"consultation_message", "オンライン相談のメッセージ"},
    {"consultation_template", "オンライン相談の定型文"},
    {"supporter", "サポーター"},
    {"supporter_qualification", "サポーターの資格・修了"},
    {"supporter_pay_rates", "サポーターの謝金単価"},
    {"training_course", "研修"},
    {"training_session", "研修の開催回"},
    {"dispatch", "派遣"},
    {"survey", "実態把握調査"},
    {"survey_card", "調査票"},
    {"survey_respondent", "調査の回答者"},
    {"survey_further_list", "推計に使う追加の名簿"},
};

std::string_view label_of(std::span<const AuditTerm> terms, std::string_view code) {
  auto it = std::find_if(terms.begin(), terms.end(), [&](const AuditTerm& t) { return t.code == code; });
  return it == terms.end() ? code : it->label;
}

}  // namespace

std::span<const AuditTerm> audit_actions() { return kActions; }
std::span<const AuditTerm> audit_entities() { return kEntities; }
std::string_view audit_action_label(std::string_view code) { return label_of(kActions, code); }
std::string_view audit_entity_label(std::string_view code) { return label_of(kEntities, code); }

}  // namespace tsunagu::domain
