package dev.foresight.evaluate.deployment;

import java.util.List;
import java.util.Locale;

/**
 * The CI build replay's results under one protocol, per project and overall. Overall AUC and F1 are
 * means over projects (each project has its own model and threshold); precision, recall and F1 are also
 * pooled over all builds.
 *
 * @param protocol short name, the first column of the CSV report
 */
public record CiBuildTable(String protocol, String title, String description, List<ProjectResult> projects) {

    public CiBuildTable {
        projects = List.copyOf(projects);
    }

    public List<String> predictors() {
        return projects.isEmpty() ? List.of()
                : projects.get(0).predictors().stream().map(PredictorResult::predictor).toList();
    }

    public double meanAuc(int predictor) {
        return projects.stream().mapToDouble(p -> p.predictors().get(predictor).auc()).average().orElse(Double.NaN);
    }

    public double meanF1(int predictor) {
        return projects.stream().mapToDouble(p -> p.predictors().get(predictor).confusion().f1())
                .average().orElse(Double.NaN);
    }

    public Confusion pooled(int predictor) {
        return projects.stream().map(p -> p.predictors().get(predictor).confusion())
                .reduce(Confusion.EMPTY, Confusion::plus);
    }

    List<String> csvLines() {
        return projects.stream().flatMap(project -> project.predictors().stream().map(result -> {
            Confusion c = result.confusion();
            return String.format(Locale.ROOT, "%s,%s,%s,%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%d,%d,%d,%d", protocol,
                    project.project(), result.predictor(), result.rule(), project.builds(), project.failures(),
                    result.auc(), c.f1(), c.precision(), c.recall(),
                    c.truePositives(), c.falsePositives(), c.falseNegatives(), c.trueNegatives());
        })).toList();
    }

    String markdown() {
        StringBuilder md = new StringBuilder("## ").append(title).append("\n\n").append(description).append("\n\n");
        md.append("| predictor | mean AUC | mean F1 | pooled precision | pooled recall | pooled F1 |\n");
        md.append("|---|---|---|---|---|---|\n");
        List<String> names = predictors();
        for (int i = 0; i < names.size(); i++) {
            Confusion c = pooled(i);
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    names.get(i), meanAuc(i), meanF1(i), c.precision(), c.recall(), c.f1()));
        }
        md.append("\n| project | builds | failures | predictor | AUC | F1 | precision | recall | alert rule |\n");
        md.append("|---|---|---|---|---|---|---|---|---|\n");
        for (ProjectResult project : projects) {
            for (PredictorResult result : project.predictors()) {
                Confusion c = result.confusion();
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.3f | %.3f | %.3f | %.3f | %s |%n",
                        project.project(), project.builds(), project.failures(), result.predictor(),
                        result.auc(), c.f1(), c.precision(), c.recall(), result.rule()));
            }
        }
        return md.append('\n').toString();
    }
}
