package dev.foresight.evaluate.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Results of the CI build replay, per project and overall. Overall AUC and F1 are means over projects
 * (each project has its own model); precision and recall overall are pooled over all builds.
 */
public record CiBuildReport(List<ProjectResult> projects) {

    public CiBuildReport {
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

    public void writeTo(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("ci-builds.csv"), csvLines());
        Files.writeString(outDir.resolve("ci-builds.md"), markdown());
    }

    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add("project,predictor,builds,failures,auc,f1,precision,recall,tp,fp,fn,tn");
        for (ProjectResult project : projects) {
            for (PredictorResult result : project.predictors()) {
                Confusion c = result.confusion();
                lines.add(String.format(Locale.ROOT, "%s,%s,%d,%d,%.4f,%.4f,%.4f,%.4f,%d,%d,%d,%d",
                        project.project(), result.predictor(), project.builds(), project.failures(), result.auc(),
                        c.f1(), c.precision(), c.recall(),
                        c.truePositives(), c.falsePositives(), c.falseNegatives(), c.trueNegatives()));
            }
        }
        return lines;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Online CI build failure prediction\n\n");
        md.append("Each build is predicted before its label is learned; ")
                .append("thresholds are chosen from past builds only.\n\n");
        md.append("## Overall\n\n| predictor | mean AUC | mean F1 | pooled precision | pooled recall | pooled F1 |\n");
        md.append("|---|---|---|---|---|---|\n");
        List<String> names = predictors();
        for (int i = 0; i < names.size(); i++) {
            Confusion c = pooled(i);
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %.3f | %.3f |%n",
                    names.get(i), meanAuc(i), meanF1(i), c.precision(), c.recall(), c.f1()));
        }
        md.append("\n## Per project\n\n| project | builds | failures | predictor | AUC | F1 | precision | recall |\n");
        md.append("|---|---|---|---|---|---|---|---|\n");
        for (ProjectResult project : projects) {
            for (PredictorResult result : project.predictors()) {
                Confusion c = result.confusion();
                md.append(String.format(Locale.ROOT, "| %s | %d | %d | %s | %.3f | %.3f | %.3f | %.3f |%n",
                        project.project(), project.builds(), project.failures(), result.predictor(),
                        result.auc(), c.f1(), c.precision(), c.recall()));
            }
        }
        return md.toString();
    }
}
