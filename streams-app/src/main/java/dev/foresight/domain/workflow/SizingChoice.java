package dev.foresight.domain.workflow;

import java.util.Locale;

/**
 * Which sizing source decided an allocation, and on what record.
 *
 * @param source       the source's name
 * @param index        its position in the selector's source list
 * @param scope        whose record decided: the action type's own ({@code action type}, or {@code new action
 *                     type} for a type without history in this run), the workflow type's record for action
 *                     types without history ({@code cold}) or with it ({@code warm}), the source configured for
 *                     new types ({@code new type}), or none yet ({@code prior})
 * @param meanCost     the source's wastage, failed attempts included, over the memory used on that record (NaN
 *                     for {@code prior} and {@code new type})
 * @param samples      how many completed actions that record holds
 * @param allocationMb what to allocate: the source's proposal
 */
public record SizingChoice(String source, int index, String scope, double meanCost, int samples,
                           double allocationMb) {

    public String explanation() {
        return switch (scope) {
            case "prior" -> source + ": no completed action to judge the sources on yet, first source in order";
            case "new type" -> source + ": the source configured for action types without history";
            default -> String.format(Locale.ROOT, "%s: least cost %.3f of the memory used over the last %d "
                    + "completed actions of the %s record", source, meanCost, samples, scope);
        };
    }
}
