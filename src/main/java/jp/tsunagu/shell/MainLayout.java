package jp.tsunagu.shell;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasElement;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Footer;
import com.vaadin.flow.component.html.Nav;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.Icon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.auth.AnonymousAllowed;
import com.vaadin.flow.server.menu.MenuConfiguration;
import com.vaadin.flow.server.menu.MenuEntry;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jp.tsunagu.identity.AccountSettingsLink;
import jp.tsunagu.identity.IdentityProperties;
import jp.tsunagu.identity.SessionProperties;
import jp.tsunagu.identity.Actor;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.shared.Language;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The frame of every page. The menu lists exactly the destinations the signed-in person may open
 * ({@link MenuConfiguration} checks each route's access annotation for the current user), so a
 * patient never sees a clinician's or steward's entry; anonymous visitors get no menu at all.
 */
@Layout
@AnonymousAllowed
class MainLayout extends AppLayout {

    MainLayout(ActorService actors, LanguageSettings languages, AuthenticationContext authentication,
            SessionProperties sessions, ObjectProvider<AccountSettingsLink> accountSettings) {
        addClassName("tsunagu-layout");
        var actor = actors.currentActor();

        var home = new Anchor("", "つなぐ");
        home.addClassName("tsunagu-brand");
        home.getElement().setAttribute("aria-label", getTranslation("shell.brand.label"));

        var header = new HorizontalLayout();
        header.addClassName("tsunagu-header");
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        if (actor.isPresent()) {
            header.add(new DrawerToggle());
        }
        header.add(home);
        var spacer = new Div();
        header.addAndExpand(spacer);
        header.add(languageSwitch(languages));
        actor.ifPresentOrElse(
                signedIn -> header.add(userMenu(signedIn, authentication)),
                () -> header.add(loginLink()));
        // Not "touch optimised": on a phone that moves the bar to the bottom, where thumbs hit ログアウト.
        // Japanese sites keep the header, with ログイン at the top right, at the top on phones too.
        addToNavbar(header);
        // The content area, not the document, scrolls. A page without a link or button in it could not
        // be scrolled from the keyboard, so the area itself takes a tab stop (WCAG 2.1.1).
        getElement().executeJs("customElements.whenDefined('vaadin-app-layout').then(() => {"
                + " const c = this.shadowRoot && this.shadowRoot.querySelector('[part=content]');"
                + " if (c) { c.tabIndex = 0; } })");

        if (actor.isPresent()) {
            setPrimarySection(Section.DRAWER);
            addToDrawer(menu());
            accountSettings.ifAvailable(settings -> {
                // The provider's page, outside the portal's views: passkeys and the authenticator app.
                var signIn = new Anchor(settings.url(), getTranslation("shell.signInSettings"));
                signIn.setRouterIgnore(true);
                signIn.setId("sign-in-settings");
                signIn.addClassName("tsunagu-sign-in-settings");
                addToDrawer(signIn);
            });
            header.add(new IdleWarning(sessions.idleFor(java.util.List.of("ROLE_" + actor.get().role().name())),
                    sessions.warnBefore()));
        } else {
            setDrawerOpened(false);
        }
    }

    private Component languageSwitch(LanguageSettings languages) {
        Language other = Language.of(getLocale()) == Language.JA ? Language.EN : Language.JA;
        var button = new Button(getTranslation("language.switch"), click ->
                languages.switchTo(getUI().orElseThrow(), other));
        button.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        button.addClassName("tsunagu-language");
        button.getElement().setAttribute("lang", other.tag());
        button.setId("language-switch");
        return button;
    }

    private Component loginLink() {
        var login = new Anchor(IdentityProperties.LOGIN_PATH, getTranslation("shell.login"));
        login.setRouterIgnore(true);
        login.addClassName("tsunagu-login");
        login.setId("login");
        return login;
    }

    private Component userMenu(Actor actor, AuthenticationContext authentication) {
        var name = new Span(actor.displayName());
        name.addClassName("tsunagu-user-name");
        var role = new Span(getTranslation("role." + actor.role().name()));
        role.addClassName("tsunagu-user-role");
        var who = new Div(name, role);
        who.addClassName("tsunagu-user");
        var logout = new Button(getTranslation("shell.logout"), click -> authentication.logout());
        logout.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        logout.setId("logout");
        var box = new HorizontalLayout(who, logout);
        box.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.CENTER);
        box.setSpacing(false);
        return box;
    }

    /** The public service's own pages, linked from every page's footer (served by insights' InfoPageView). */
    static final java.util.List<String> FOOTER_PAGES = java.util.List.of("operator", "privacy", "terms", "contact",
            "accessibility", "help");

    /** Every view, then the footer, in one box that the layout scrolls. */
    private final Div frame = new Div();

    /** What a page shows before the client engine runs ({@link FirstPaint}): the bar, the menu and the page. */
    java.util.List<com.vaadin.flow.dom.Element> firstPaintParts() {
        return getElement().getChildren().toList();
    }

    @Override
    public void showRouterLayoutContent(HasElement content) {
        frame.getElement().removeAllChildren();
        frame.getElement().appendChild(content.getElement(), footer().getElement());
        if (getContent() != frame) {
            frame.addClassName("tsunagu-frame");
            setContent(frame);
        }
    }

    @Override
    public void removeRouterLayoutContent(HasElement oldContent) {
        frame.getElement().removeAllChildren();
    }

    private Component footer() {
        var links = new Nav();
        links.getElement().setAttribute("aria-label", getTranslation("footer.label"));
        for (String page : FOOTER_PAGES) {
            var link = new Anchor("info/" + page, getTranslation("info." + page + ".title"));
            links.add(link);
        }
        var note = new Paragraph(getTranslation("footer.note"));
        var footer = new Footer(links, note);
        footer.addClassName("tsunagu-footer");
        footer.setId("site-footer");
        return footer;
    }

    private Component menu() {
        var nav = new SideNav();
        nav.setId("role-menu");
        for (MenuEntry entry : MenuConfiguration.getMenuEntries()) {
            var item = new SideNavItem(getTranslation(entry.title()), entry.path());
            if (entry.icon() != null) {
                item.setPrefixComponent(new Icon(entry.icon()));
            }
            nav.addItem(item);
        }
        return nav;
    }
}
