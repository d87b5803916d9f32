package jp.tsunagu.identity.provider;

import static jp.tsunagu.identity.provider.ProviderPageFrame.esc;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jp.tsunagu.identity.SessionProperties;
import jp.tsunagu.identity.StepUp;
import jp.tsunagu.identity.oidc.PortalAddress;
import jp.tsunagu.identity.persistence.PasskeyStore;
import jp.tsunagu.identity.persistence.SecondFactorStore;
import jp.tsunagu.shared.DemoMode;
import jp.tsunagu.shared.JapanTime;
import jp.tsunagu.shared.Language;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.MessageSource;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Controller;
import org.springframework.util.function.SingletonSupplier;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (WebAuthn) at the embedded provider, as a second factor after the password: phishing
 * resistant (bound to this site's origin), with user verification on the device. A person registers
 * one at enrolment or, signed in, on {@link #MANAGE}; at sign-in a person with a passkey confirms with
 * it instead of a code. Spring Security's relying party checks the signatures, challenges, origin and
 * counters; these pages only carry its options and answers between the browser and the session.
 */
@Controller
@DemoMode
class PasskeyPages {

    static final String MANAGE = "/idp/passkeys";
    /** What the provider's token customizer reads to say how the person signed in ({@code amr}). */
    static final String FACTOR_WEBAUTHN = "FACTOR_WEBAUTHN";
    private static final String REGISTER_OPTIONS = "/idp/passkey/register/options";
    private static final String REGISTER = "/idp/passkey/register";
    private static final String SIGN_IN_OPTIONS = "/idp/passkey/options";
    private static final String SIGN_IN = "/idp/passkey";
    private static final String REMOVE = "/idp/passkeys/remove";
    private static final String CREATION = "TSUNAGU_PROVIDER_PASSKEY_CREATION";
    private static final String REQUEST = "TSUNAGU_PROVIDER_PASSKEY_REQUEST";
    private static final int MAX_JSON = 64 * 1024;
    private static final Logger log = LoggerFactory.getLogger(PasskeyPages.class);

    private final PasskeyStore store;
    private final PendingSignIns pendingSignIns;
    private final ProviderSession session;
    private final SecondFactorStore appFactors;
    private final MessageSource messages;
    private final SingletonSupplier<WebAuthnRelyingPartyOperations> relyingParty;
    private final Duration freshSignIn;
    private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

    PasskeyPages(PasskeyStore store, PendingSignIns pendingSignIns, ProviderSession session, MessageSource messages,
            PortalAddress address, SessionProperties sessions, SecondFactorStore appFactors) {
        this.store = store;
        this.freshSignIn = sessions.stepUp();
        this.pendingSignIns = pendingSignIns;
        this.session = session;
        this.appFactors = appFactors;
        this.messages = messages;
        // The portal's address is known only once the server listens (random ports in tests).
        this.relyingParty = SingletonSupplier.of(() -> relyingParty(store, URI.create(address.baseUrl())));
    }

    private static WebAuthnRelyingPartyOperations relyingParty(PasskeyStore store, URI portal) {
        String origin = portal.getScheme() + "://" + portal.getHost() + (portal.getPort() < 0 ? "" : ":" + portal.getPort());
        var operations = new Webauthn4JRelyingPartyOperations(store, store,
                PublicKeyCredentialRpEntity.builder().id(portal.getHost()).name("つなぐ ID").build(), Set.of(origin));
        // The device must check that it is its owner (PIN, fingerprint, face): possession and person.
        operations.setCustomizeCreationOptions(options -> options.authenticatorSelection(
                AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.PREFERRED)
                        .userVerification(UserVerificationRequirement.REQUIRED).build()));
        operations.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
        return operations;
    }

    // --- registration: mid sign-in (enrolment) or signed in at the provider ---

    @PostMapping(path = REGISTER_OPTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> registrationOptions(HttpServletRequest request) {
        Optional<String> who = registrant(request);
        if (who.isEmpty()) {
            return ResponseEntity.status(401).build();
        }
        Authentication person = UsernamePasswordAuthenticationToken.authenticated(who.get(), null, List.of());
        PublicKeyCredentialCreationOptions options = relyingParty.obtain()
                .createPublicKeyCredentialCreationOptions(new ImmutablePublicKeyCredentialCreationOptionsRequest(person));
        request.getSession().setAttribute(CREATION, options);
        return ResponseEntity.ok(json.writeValueAsString(options));
    }

    @PostMapping(REGISTER)
    void register(HttpServletRequest request, HttpServletResponse response, @RequestParam("credential") String credential,
            @RequestParam(name = "label", defaultValue = "") String label) throws IOException, ServletException {
        Optional<String> who = registrant(request);
        var options = (PublicKeyCredentialCreationOptions) request.getSession().getAttribute(CREATION);
        request.getSession().removeAttribute(CREATION);
        Optional<PendingSignIns.Pending> pending = pendingSignIns.enrolling(request);
        String back = pending.isPresent() ? SecondFactorPages.ENROL : MANAGE;
        if (who.isEmpty() || options == null || !who.get().equals(options.getUser().getName())
                || credential.length() > MAX_JSON) {
            response.sendRedirect(request.getContextPath() + (who.isEmpty() ? EmbeddedProviderConfiguration.LOGIN_PAGE
                    : back + "?passkey-error"));
            return;
        }
        String name = label.isBlank() ? text(Language.fromCookie(request).locale(), "idp.passkey.defaultLabel")
                : label.strip();
        try {
            PublicKeyCredential<AuthenticatorAttestationResponse> key = json.readValue(credential,
                    new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() { });
            relyingParty.obtain().registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
                    new RelyingPartyPublicKey(key, name.length() > 64 ? name.substring(0, 64) : name)));
        } catch (RuntimeException refused) {
            log.info("passkey registration refused: {}", refused.getClass().getSimpleName());
            response.sendRedirect(request.getContextPath() + back + "?passkey-error");
            return;
        }
        if (pending.isPresent()) {
            // Enrolled with the passkey just made: that is the second factor of this sign-in.
            pendingSignIns.complete(request, response, pending.get(), FACTOR_WEBAUTHN);
        } else {
            response.sendRedirect(request.getContextPath() + MANAGE + "?added");
        }
    }

    // --- sign-in: the second factor ---

    @PostMapping(path = SIGN_IN_OPTIONS, produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    ResponseEntity<String> signInOptions(HttpServletRequest request) {
        Optional<PendingSignIns.Pending> pending = PendingSignIns.of(request);
        if (pending.isEmpty()) {
            return ResponseEntity.status(401).build();
        }
        // Only this person's passkeys are asked for: the password named them already.
        Authentication person = UsernamePasswordAuthenticationToken.authenticated(pending.get().username(), null,
                List.of());
        PublicKeyCredentialRequestOptions options = relyingParty.obtain()
                .createCredentialRequestOptions(new ImmutablePublicKeyCredentialRequestOptionsRequest(person));
        request.getSession().setAttribute(REQUEST, options);
        return ResponseEntity.ok(json.writeValueAsString(options));
    }

    @PostMapping(SIGN_IN)
    void signIn(HttpServletRequest request, HttpServletResponse response, @RequestParam("credential") String credential)
            throws IOException, ServletException {
        Optional<PendingSignIns.Pending> pending = PendingSignIns.of(request);
        var options = (PublicKeyCredentialRequestOptions) request.getSession().getAttribute(REQUEST);
        request.getSession().removeAttribute(REQUEST);
        if (pending.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return;
        }
        if (pendingSignIns.refused(request, response, pending.get(), SecondFactorPages.SECOND_FACTOR)) {
            return;
        }
        if (options != null && credential.length() <= MAX_JSON) {
            try {
                PublicKeyCredential<AuthenticatorAssertionResponse> assertion = json.readValue(credential,
                        new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() { });
                PublicKeyCredentialUserEntity user = relyingParty.obtain()
                        .authenticate(new RelyingPartyAuthenticationRequest(options, assertion));
                // Somebody else's passkey is no second factor for this password.
                if (user != null && pending.get().username().equals(user.getName())) {
                    pendingSignIns.complete(request, response, pending.get(), FACTOR_WEBAUTHN);
                    return;
                }
            } catch (RuntimeException refused) {
                log.info("passkey sign-in refused: {}", refused.getClass().getSimpleName());
            }
        }
        pendingSignIns.failed(pending.get());
        response.sendRedirect(request.getContextPath() + SecondFactorPages.SECOND_FACTOR + "?passkey-error");
    }

    // --- the person's own passkeys ---

    @GetMapping(path = MANAGE, produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    String manage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Optional<String> who = signedIn(request);
        if (who.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return "";
        }
        Language language = Language.fromCookie(request);
        Locale locale = language.locale();
        var list = new StringBuilder();
        for (CredentialRecord key : store.of(who.get())) {
            list.append("""
                        <li class="passkey"><span>%s</span><small>%s</small>
                          <form method="post" action="%s">%s<input type="hidden" name="id" value="%s">
                            <button type="submit" class="link">%s</button></form></li>
                    """.formatted(esc(key.getLabel()), esc(text(locale, "idp.passkey.used",
                            JapanTime.minute(key.getCreated()), JapanTime.minute(key.getLastUsed()))),
                    esc(request.getContextPath() + REMOVE), PendingSignIns.csrf(request),
                    esc(key.getCredentialId().toBase64UrlString()), esc(text(locale, "idp.passkey.remove"))));
        }
        boolean recent = recentlySignedIn(request);
        String signInAgain = "<p><a class=\"step-up\" href=\"" + esc(request.getContextPath() + StepUp.path(MANAGE))
                + "\">" + esc(text(locale, "idp.passkey.signInAgain")) + "</a></p>";
        // The authenticator app: enrolled, or offered (to patients too; staff enrolled one at their first sign-in).
        String app = appFactors.find(who.get()).isPresent()
                ? "<p id=\"app-enrolled\">" + esc(text(locale, "idp.app.enrolled")) + "</p>"
                : recent ? "<p><a id=\"app-enrol\" href=\"" + esc(request.getContextPath() + SecondFactorPages.APP)
                        + "\">" + esc(text(locale, "idp.app.enrol")) + "</a></p>" : signInAgain;
        String body = """
                  %s
                  <h2>%s</h2>
                  <section>
                    <p>%s</p>
                    <ul id="passkeys">%s</ul>
                  </section>
                  %s
                  <h2>%s</h2>
                  <section id="app">
                    <p>%s</p>
                    %s
                  </section>
                  <p><a href="%s">%s</a></p>
                """.formatted(request.getParameter("added") != null ? "<p class=\"ok\" role=\"status\">"
                        + esc(text(locale, "idp.passkey.added")) + "</p>"
                        : request.getParameter("app-added") != null ? "<p class=\"ok\" role=\"status\">"
                        + esc(text(locale, "idp.app.added")) + "</p>" : "",
                esc(text(locale, "idp.passkey.section")),
                esc(text(locale, "idp.passkey.manage.text")),
                list.isEmpty() ? "<li>" + esc(text(locale, "idp.passkey.none")) + "</li>" : list,
                recent ? registrationForm(request, locale) : signInAgain,
                esc(text(locale, "idp.app.section")), esc(text(locale, "idp.app.text")), app,
                esc(request.getContextPath() + "/"),
                esc(text(locale, "idp.passkey.back")));
        return ProviderPageFrame.html(language, text(locale, "idp.passkey.manage.heading"), text(locale, "idp.brand"),
                text(locale, "language.switch"), text(locale, "idp.passkey.manage.heading"), body, SCRIPT);
    }

    @PostMapping(REMOVE)
    void remove(HttpServletRequest request, HttpServletResponse response, @RequestParam("id") String id)
            throws IOException {
        // Taking a factor away is as sensitive as adding one: a recent sign-in, not an open tab.
        Optional<String> who = signedIn(request).filter(w -> recentlySignedIn(request));
        if (who.isEmpty()) {
            response.sendRedirect(request.getContextPath() + EmbeddedProviderConfiguration.LOGIN_PAGE);
            return;
        }
        try {
            store.remove(who.get(), Bytes.fromBase64(id));
        } catch (IllegalArgumentException malformed) {
            // not an id of theirs: nothing to remove
        }
        response.sendRedirect(request.getContextPath() + MANAGE);
    }

    /** The form that makes a passkey on this device: used here and on the enrolment page. */
    String registrationForm(HttpServletRequest request, Locale locale) {
        return """
                  <form id="passkey-register" method="post" action="%s" data-options="%s" data-error="%s">
                    %s
                    <input type="hidden" name="credential">
                    <label for="passkey-label">%s</label>
                    <input id="passkey-label" name="label" maxlength="64" value="%s">
                    <button type="button" class="passkey" id="passkey-create">%s</button>
                    <p class="error" role="alert" hidden></p>
                  </form>
                """.formatted(esc(request.getContextPath() + REGISTER),
                esc(request.getContextPath() + REGISTER_OPTIONS), esc(text(locale, "idp.passkey.failed")),
                PendingSignIns.csrf(request), esc(text(locale, "idp.passkey.label")),
                esc(text(locale, "idp.passkey.defaultLabel")), esc(text(locale, "idp.passkey.create")));
    }

    /** The button that confirms a sign-in with one of the person's passkeys, if they have one. */
    String signInForm(HttpServletRequest request, Locale locale, String username) {
        if (store.of(username).isEmpty()) {
            return "";
        }
        return """
                  <form id="passkey-sign-in" method="post" action="%s" data-options="%s" data-error="%s">
                    %s
                    <input type="hidden" name="credential">
                    <p>%s</p>
                    %s
                    <button type="button" class="passkey" id="passkey-use">%s</button>
                    <p class="error" role="alert" hidden></p>
                  </form>
                """.formatted(esc(request.getContextPath() + SIGN_IN), esc(request.getContextPath() + SIGN_IN_OPTIONS),
                esc(text(locale, "idp.passkey.failed")), PendingSignIns.csrf(request),
                esc(text(locale, "idp.passkey.signIn.text")),
                request.getParameter("passkey-error") != null ? "<p class=\"error\" role=\"alert\">"
                        + esc(text(locale, "idp.passkey.failed")) + "</p>" : "",
                esc(text(locale, "idp.passkey.use")));
    }

    /**
     * The pending person (enrolment), or the person signed in at the provider within the step-up window:
     * a factor is added only by someone who just proved they are its owner, not by whoever finds a tab open.
     */
    private Optional<String> registrant(HttpServletRequest request) {
        if (PendingSignIns.of(request).isPresent()) {
            // Mid sign-in: only a first factor (someone with a factor must give it, not add another).
            return pendingSignIns.enrolling(request).map(PendingSignIns.Pending::username);
        }
        return signedIn(request).filter(who -> recentlySignedIn(request));
    }

    private Optional<String> signedIn(HttpServletRequest request) {
        return session.signedIn(request);
    }

    private boolean recentlySignedIn(HttpServletRequest request) {
        return session.signedInWithin(request, freshSignIn);
    }

    private String text(Locale locale, String key, Object... arguments) {
        return messages.getMessage(key, arguments, key, locale);
    }

    /**
     * The browser's half: asks the server for options, lets the device make or use the passkey, and
     * posts the answer in the form (a normal form post, so the server's redirects work as for a code).
     * Binary fields travel as base64url, as WebAuthn's JSON encoding has them.
     */
    static final String SCRIPT = """
            (() => {
              const enc = b => btoa(String.fromCharCode(...new Uint8Array(b)))
                  .replace(/\\+/g, '-').replace(/\\//g, '_').replace(/=+$/, '');
              const dec = s => Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
              const options = async form => {
                const csrf = form.querySelector('input[type=hidden][name]:not([name=credential])');
                const body = new URLSearchParams();
                if (csrf) body.append(csrf.name, csrf.value);
                const answer = await fetch(form.dataset.options, { method: 'POST', body, credentials: 'same-origin' });
                if (!answer.ok) throw new Error('options ' + answer.status);
                return answer.json();
              };
              const fail = (form, error) => {
                const alert = form.querySelector('p.error[hidden]');
                alert.textContent = form.dataset.error;
                alert.hidden = false;
                console.warn('passkey', error);
              };
              const create = document.getElementById('passkey-create');
              if (create) create.addEventListener('click', async () => {
                const form = create.form;
                try {
                  const o = await options(form);
                  o.challenge = dec(o.challenge);
                  o.user.id = dec(o.user.id);
                  o.excludeCredentials = (o.excludeCredentials || []).map(c => ({ ...c, id: dec(c.id) }));
                  const c = await navigator.credentials.create({ publicKey: o });
                  form.credential.value = JSON.stringify({ id: c.id, rawId: enc(c.rawId), type: c.type,
                    response: { attestationObject: enc(c.response.attestationObject),
                                clientDataJSON: enc(c.response.clientDataJSON),
                                transports: c.response.getTransports ? c.response.getTransports() : [] },
                    clientExtensionResults: c.getClientExtensionResults(),
                    authenticatorAttachment: c.authenticatorAttachment });
                  form.submit();
                } catch (e) { fail(form, e); }
              });
              const use = document.getElementById('passkey-use');
              if (use) use.addEventListener('click', async () => {
                const form = use.form;
                try {
                  const o = await options(form);
                  o.challenge = dec(o.challenge);
                  o.allowCredentials = (o.allowCredentials || []).map(c => ({ ...c, id: dec(c.id) }));
                  const c = await navigator.credentials.get({ publicKey: o });
                  form.credential.value = JSON.stringify({ id: c.id, rawId: enc(c.rawId), type: c.type,
                    response: { authenticatorData: enc(c.response.authenticatorData),
                                clientDataJSON: enc(c.response.clientDataJSON),
                                signature: enc(c.response.signature),
                                userHandle: c.response.userHandle ? enc(c.response.userHandle) : null },
                    clientExtensionResults: c.getClientExtensionResults(),
                    authenticatorAttachment: c.authenticatorAttachment });
                  form.submit();
                } catch (e) { fail(form, e); }
              });
            })();
            """;
}
