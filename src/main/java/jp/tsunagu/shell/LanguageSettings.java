package jp.tsunagu.shell;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.server.ServiceInitEvent;
import com.vaadin.flow.server.VaadinRequest;
import com.vaadin.flow.server.VaadinService;
import com.vaadin.flow.server.VaadinServiceInitListener;
import com.vaadin.flow.server.VaadinServletRequest;
import com.vaadin.flow.server.VaadinServletResponse;
import jp.tsunagu.identity.AccountPreferences;
import jp.tsunagu.identity.ActorService;
import jp.tsunagu.shared.Language;
import org.springframework.stereotype.Component;

/**
 * Which language a UI speaks: the signed-in person's saved choice, else this browser's cookie,
 * else Japanese. Switching saves the choice in both places and reloads the page.
 */
@Component
class LanguageSettings implements VaadinServiceInitListener {

    private final ActorService actors;
    private final AccountPreferences preferences;

    LanguageSettings(ActorService actors, AccountPreferences preferences) {
        this.actors = actors;
        this.preferences = preferences;
    }

    @Override
    public void serviceInit(ServiceInitEvent event) {
        event.getSource().addUIInitListener(init -> {
            Language language = current(VaadinRequest.getCurrent());
            init.getUI().setLocale(language.locale());
            init.getUI().getElement().executeJs("document.documentElement.lang = $0", language.tag());
        });
    }

    Language current(VaadinRequest request) {
        if (actors.currentActor().isPresent()) {
            var saved = preferences.language();
            if (saved.isPresent()) {
                return saved.get();
            }
        }
        return request instanceof VaadinServletRequest servletRequest
                ? Language.fromCookie(servletRequest.getHttpServletRequest())
                : Language.DEFAULT;
    }

    void switchTo(UI ui, Language language) {
        if (VaadinService.getCurrentResponse() instanceof VaadinServletResponse response) {
            response.addCookie(language.toCookie(VaadinService.getCurrentRequest().getContextPath()));
        }
        if (actors.currentActor().isPresent()) {
            preferences.chooseLanguage(language);
        }
        ui.getSession().setLocale(language.locale());
        ui.getPage().reload();
    }
}
