package jp.tsunagu.research;

import java.util.List;
import java.util.Optional;

/**
 * A query the privacy rules refuse (budget, a part of 1–10 people); logged as refused, nothing released.
 * {@link #part} names the part of the definition that was too small, for the screen to say in words.
 */
public class QueryRefusedException extends RuntimeException {

    private final transient List<Object> arguments;
    private final transient Optional<Criterion> part;

    public QueryRefusedException(String key, Object... arguments) {
        this(Optional.empty(), key, arguments);
    }

    QueryRefusedException(Optional<Criterion> part, String key, Object... arguments) {
        super(key);
        this.part = part;
        this.arguments = List.of(arguments);
    }

    public Optional<Criterion> part() {
        return part;
    }

    public String key() {
        return getMessage();
    }

    public Object[] arguments() {
        return arguments.toArray();
    }
}
