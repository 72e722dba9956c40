package dev.foresight.domain.synthesis;

import java.util.List;

/** A template or a stage rendered from it that breaks the stage format; lists every problem found. */
public final class InvalidTemplateException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<String> problems;

    public InvalidTemplateException(String what, List<String> problems) {
        super(what + ": " + String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
