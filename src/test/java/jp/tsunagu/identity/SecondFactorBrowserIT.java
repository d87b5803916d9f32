package jp.tsunagu.identity;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.regex.Pattern;

import jp.tsunagu.BrowserSession;
import jp.tsunagu.Chromium;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

/**
 * The data steward enrols an authenticator app on her first sign-in (the test reads the key from the
 * page and computes the codes, as the app would), then signs in with password and code; a wrong code
 * is refused and a code is never accepted twice. Screenshots: {@code target/screenshots/second-factor-*}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
class SecondFactorBrowserIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void theStewardEnrolsTotp_thenSignsInWithIt_andAWrongCodeIsRefused() {
        // A steward who has not enrolled yet (the demo's come enrolled).
        jdbc.sql("delete from identity_second_factor where username = 'steward.watanabe'").update();
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            password(desk);
            desk.awaitUrl("/idp/enrol$");
            assertThat(page.locator("#totp-link")).hasAttribute("href", Pattern.compile("^otpauth://totp/.*secret="));
            String secret = page.locator("#totp-secret").innerText().replace(" ", "").strip();
            desk.screenshot("second-factor-enrol");
            long enrolStep = Totp.stepAt(Instant.now());
            page.locator("#code").fill(Totp.code(secret, enrolStep));
            page.locator("button[type=submit]").click();
            desk.awaitUrl("/steward$");
            assertThat(jdbc.sql("select totp_secret from identity_second_factor where username = 'steward.watanabe'")
                    .query(String.class).single()).isEqualTo(secret);

            page.locator("#logout").click();
            page.waitForURL(url -> !url.contains("/steward"));
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            password(desk);
            desk.awaitUrl("/idp/second-factor$");
            page.locator("#code").fill(Totp.code(secret, enrolStep));
            page.locator("button[type=submit]").click();
            assertThat(page.locator("[role=alert]")).containsText("正しくない");
            desk.screenshot("second-factor-wrong-code");
            long next = Math.max(Totp.stepAt(Instant.now()), enrolStep + 1);
            page.locator("#code").fill(Totp.code(secret, next));
            page.locator("button[type=submit]").click();
            desk.awaitUrl("/steward$");
        }
    }

    /**
     * Chromium's virtual authenticator (DevTools WebAuthn domain) stands in for the phone's or laptop's
     * own: a platform authenticator that verifies its user. The steward adds a passkey on the provider's
     * page, signs out, and signs in with password and passkey; the portal sees amr "hwk".
     */
    @Test
    void theStewardAddsAPasskey_thenSignsInWithItInsteadOfACode() {
        jdbc.sql("delete from identity_passkey_user where username = 'steward.watanabe'").update();
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            var devtools = desk.context().newCDPSession(page);
            devtools.send("WebAuthn.enable");
            var options = new com.google.gson.JsonObject();
            options.addProperty("protocol", "ctap2");
            options.addProperty("transport", "internal");
            options.addProperty("hasResidentKey", true);
            options.addProperty("hasUserVerification", true);
            options.addProperty("isUserVerified", true);
            options.addProperty("automaticPresenceSimulation", true);
            var authenticator = new com.google.gson.JsonObject();
            authenticator.add("options", options);
            String authenticatorId = devtools.send("WebAuthn.addVirtualAuthenticator", authenticator)
                    .get("authenticatorId").getAsString();

            desk.signIn("steward.watanabe");
            page.locator("#sign-in-settings").click();
            desk.awaitUrl("/idp/passkeys$");
            assertThat(page.locator("#passkeys")).containsText("まだパスキーはありません");
            page.locator("#passkey-label").fill("研究室のノートPC");
            page.locator("#passkey-create").click();
            desk.awaitUrl("/idp/passkeys\\?added$");
            assertThat(page.locator("#passkeys")).containsText("研究室のノートPC");
            desk.screenshot("second-factor-passkey-added");
            assertThat(jdbc.sql("""
                    select count(*) from identity_passkey p join identity_passkey_user u on u.id = p.user_id
                    where u.username = 'steward.watanabe' and p.uv_initialized""").query(Long.class).single())
                    .isEqualTo(1);
            var credentials = new com.google.gson.JsonObject();
            credentials.addProperty("authenticatorId", authenticatorId);
            assertThat(devtools.send("WebAuthn.getCredentials", credentials).getAsJsonArray("credentials")).hasSize(1);

            page.navigate(desk.url("/steward"));
            page.locator("#logout").click();
            page.waitForURL(url -> !url.contains("/steward"));
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            password(desk);
            desk.awaitUrl("/idp/second-factor$");
            // With the password alone, no new factor can be enrolled instead of giving one.
            page.navigate(desk.url("/idp/enrol"));
            desk.awaitUrl("/idp/second-factor$");
            Object status = page.evaluate("""
                    () => fetch('/idp/passkey/register/options', { method: 'POST', body: new URLSearchParams({
                        _csrf: document.querySelector('input[name=_csrf]').value }) }).then(r => r.status)""");
            assertThat(((Number) status).intValue()).isEqualTo(401);
            assertThat(page.locator("#passkey-use")).isVisible();
            desk.screenshot("second-factor-passkey-offered");
            page.locator("#passkey-use").click();
            desk.awaitUrl("/steward$");
            long used = jdbc.sql("""
                    select count(*) from identity_passkey p join identity_passkey_user u on u.id = p.user_id
                    where u.username = 'steward.watanabe' and (p.signature_count > 0 or p.last_used > p.created)""")
                    .query(Long.class).single();
            assertThat(used).as("the sign-in used the passkey").isEqualTo(1);
        }
    }

    /**
     * A patient needs no second factor, but may add one: from ログインの設定 in the menu she adds an
     * authenticator app (QR code, link or key), and is asked for its code at her next sign-in.
     */
    @Test
    void aPatientAddsAnAuthenticatorApp_fromHerSignInSettings_andIsAskedForItsCodeNextTime() {
        jdbc.sql("delete from identity_second_factor where username = 'patient.suzuki'").update();
        try (var phone = new BrowserSession(Chromium.shared(), port, 390, 844)) {
            var page = phone.page();
            phone.signIn("patient.suzuki");
            phone.awaitUrl("/patient$");
            assertThat(page.locator("#sign-in-settings")).hasAttribute("href", "/idp/passkeys");
            page.navigate(phone.url("/idp/passkeys"));
            page.locator("#app-enrol").click();
            phone.awaitUrl("/idp/app$");
            assertThat(page.locator("svg.qr")).isVisible();
            String secret = page.locator("#totp-secret").innerText().replace(" ", "").strip();
            phone.screenshot("second-factor-patient-app");
            long step = Totp.stepAt(Instant.now());
            page.locator("#code").fill(Totp.code(secret, step));
            page.locator("button[type=submit]").click();
            phone.awaitUrl("/idp/passkeys\\?app-added$");
            assertThat(page.locator("#app-enrolled")).isVisible();
            phone.screenshot("second-factor-patient-settings");

            page.navigate(phone.url("/patient"));
            page.locator("#logout").click();
            page.waitForURL(url -> !url.contains("/patient"));
            page.navigate(phone.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            page.locator("#username").fill("patient.suzuki");
            page.locator("#password").fill(BrowserSession.DEMO_PASSWORD);
            page.locator("button[type=submit]").click();
            phone.awaitUrl("/idp/second-factor$");
            page.locator("#code").fill(Totp.code(secret, Math.max(Totp.stepAt(Instant.now()), step + 1)));
            page.locator("button[type=submit]").click();
            phone.awaitUrl("/patient$");
        } finally {
            // Other tests sign this demo patient in with her password alone.
            jdbc.sql("delete from identity_second_factor where username = 'patient.suzuki'").update();
        }
    }

    /** Without its second factor a clinician is signed in nowhere: the portal's pages send her to sign in. */
    @Test
    void aClinicianWhoGaveOnlyHerPassword_cannotReachTheClinicianDesk() {
        jdbc.sql("delete from identity_second_factor where username = 'dr.yamamoto'").update();
        try (var desk = new BrowserSession(Chromium.shared(), port, 1280, 800)) {
            var page = desk.page();
            page.navigate(desk.url("/"));
            page.locator("#login").click();
            page.waitForURL(Pattern.compile("/idp/login"));
            page.locator("#username").fill("dr.yamamoto");
            page.locator("#password").fill(BrowserSession.DEMO_PASSWORD);
            page.locator("button[type=submit]").click();
            desk.awaitUrl("/idp/enrol$");
            page.navigate(desk.url("/clinician"));
            desk.awaitUrl("/idp/(login|enrol)");
            assertThat(page.locator("#shared-record")).hasCount(0);
        }
    }

    private static void password(BrowserSession desk) {
        desk.page().locator("#username").fill("steward.watanabe");
        desk.page().locator("#password").fill(BrowserSession.DEMO_PASSWORD);
        desk.page().locator("button[type=submit]").click();
    }
}
