package jp.tsunagu.identity.persistence;

import java.util.Optional;

import jp.tsunagu.shared.Language;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code identity_account_preference}. */
@Repository
public class AccountPreferenceStore {

    private final JdbcClient jdbc;

    AccountPreferenceStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Language> language(String subject) {
        return jdbc.sql("select language from identity_account_preference where subject = :subject")
                .param("subject", subject)
                .query(String.class)
                .optional()
                .flatMap(Language::fromTag);
    }

    public void saveLanguage(String subject, Language language) {
        jdbc.sql("""
                        insert into identity_account_preference (subject, language) values (:subject, :language)
                        on conflict (subject) do update set language = excluded.language, updated_at = now()
                        """)
                .param("subject", subject)
                .param("language", language.tag())
                .update();
    }
}
