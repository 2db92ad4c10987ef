package dev.attached.benchmarks;

import java.io.Serializable;

/**
 * One figure of the report: what is measured, its goal, the baseline measured in the same run, Attached's figure,
 * their ratio, and whether the goal is met (with by how much it is missed, if it is).
 *
 * @param verdict {@code MET}, {@code MISSED}, or {@code INFO} for a figure without a goal of its own
 */
record Row(String measure, String goal, String baseline, String attached, String ratio, String verdict)
        implements
            Serializable {

    static Row met(boolean met, String measure, String goal, String baseline, String attached, String ratio,
            String missedBy) {
        return new Row(measure, goal, baseline, attached, ratio, met ? "met" : "**missed** (" + missedBy + ")");
    }

    static Row info(String measure, String baseline, String attached, String ratio) {
        return new Row(measure, "(context)", baseline, attached, ratio, "-");
    }
}
