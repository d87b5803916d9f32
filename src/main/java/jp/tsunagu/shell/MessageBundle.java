package jp.tsunagu.shell;

import java.util.List;
import java.util.Locale;

import com.vaadin.flow.i18n.I18NProvider;
import jp.tsunagu.shared.Language;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;

/**
 * Vaadin's translations come from the same bundle as every other text of the portal
 * ({@code i18n/messages*.properties}, Japanese as the base), through Spring's MessageSource.
 */
@Component
class MessageBundle implements I18NProvider {

    private final MessageSource messages;

    MessageBundle(MessageSource messages) {
        this.messages = messages;
    }

    @Override
    public List<Locale> getProvidedLocales() {
        return List.of(Language.JA.locale(), Language.EN.locale());
    }

    @Override
    public String getTranslation(String key, Locale locale, Object... params) {
        // A missing key shows as !key! so that it is noticed on a screenshot, not silently blank.
        return messages.getMessage(key, params, "!" + key + "!", locale);
    }
}
