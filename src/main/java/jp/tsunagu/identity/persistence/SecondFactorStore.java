package jp.tsunagu.identity.persistence;

import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for {@code identity_second_factor}. */
@Repository
public class SecondFactorStore {

    /** An enrolled account's secret and the last step a code of it was used for. */
    public record Enrolled(String secret, long lastStep) {
    }

    private final JdbcClient jdbc;

    SecondFactorStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Enrolled> find(String username) {
        return jdbc.sql("select totp_secret, last_step from identity_second_factor where username = :u")
                .param("u", username).query((rs, row) -> new Enrolled(rs.getString(1), rs.getLong(2))).optional();
    }

    /** Enrols unless already enrolled; true when this call enrolled. */
    public boolean enrol(String username, String secret, long usedStep) {
        return jdbc.sql("""
                        insert into identity_second_factor (username, totp_secret, last_step) values (:u, :s, :step)
                        on conflict (username) do nothing""")
                .param("u", username).param("s", secret).param("step", usedStep).update() == 1;
    }

    /** Records a used step, only forwards: false when that step (or a later one) was used already. */
    public boolean use(String username, long step) {
        return jdbc.sql("update identity_second_factor set last_step = :step where username = :u and last_step < :step")
                .param("u", username).param("step", step).update() == 1;
    }

    public void remove(String username) {
        jdbc.sql("delete from identity_second_factor where username = :u").param("u", username).update();
    }
}
