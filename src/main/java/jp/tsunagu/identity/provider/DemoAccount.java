package jp.tsunagu.identity.provider;

import java.util.List;
import java.util.Optional;

import jp.tsunagu.identity.Role;

/**
 * An account of the embedded provider. These exist only in the demo mode; their passwords are
 * public on purpose (README and the provider's login page) and no real data may be entered with
 * them.
 *
 * @param organisation for clinicians: the 医療機関コード of their hospital (fictional)
 */
record DemoAccount(String username, String password, Role role, String displayName,
                   Optional<String> organisation, Optional<String> organisationName) {

    static final String PASSWORD = "tsunagu-demo";

    static final List<DemoAccount> ALL = List.of(
            new DemoAccount("patient.sato", PASSWORD, Role.PATIENT, "佐藤 花子", Optional.empty(), Optional.empty()),
            new DemoAccount("patient.suzuki", PASSWORD, Role.PATIENT, "鈴木 一郎", Optional.empty(), Optional.empty()),
            new DemoAccount("dr.tanaka", PASSWORD, Role.CLINICIAN, "田中 健一",
                    Optional.of("1319990011"), Optional.of("東京中央病院")),
            new DemoAccount("dr.yamamoto", PASSWORD, Role.CLINICIAN, "山本 美咲",
                    Optional.of("2719990021"), Optional.of("大阪北総合病院")),
            new DemoAccount("sponsor.kobayashi", PASSWORD, Role.SPONSOR, "小林 誠",
                    Optional.of("S-0001"), Optional.of("あおば製薬 臨床開発部")),
            new DemoAccount("steward.watanabe", PASSWORD, Role.STEWARD, "渡辺 裕子", Optional.empty(), Optional.empty()));

    static Optional<DemoAccount> byUsername(String username) {
        return ALL.stream().filter(account -> account.username().equals(username)).findFirst();
    }
}
