package cn.gov.birth.application.evaluation;

import java.util.Arrays;

/** The five national levels of 好差评, by score; the lowest two are a 差评. */
public enum Level {
    VERY_DISSATISFIED(1, "非常不满意"), DISSATISFIED(2, "不满意"), BASICALLY_SATISFIED(3, "基本满意"),
    SATISFIED(4, "满意"), VERY_SATISFIED(5, "非常满意");

    private final int score;
    private final String label;

    Level(int score, String label) {
        this.score = score;
        this.label = label;
    }

    public int score() {
        return score;
    }

    public String label() {
        return label;
    }

    /** A 差评: the department owes the family a contact and a rectification. */
    public boolean isBad() {
        return score <= 2;
    }

    public static Level of(int score) {
        return Arrays.stream(values()).filter(level -> level.score == score).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no level " + score));
    }
}
