package dev.foresight.evaluate.deployment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Results of the CI build replay under each protocol. */
public record CiBuildReport(List<CiBuildTable> tables) {

    public CiBuildReport {
        tables = List.copyOf(tables);
    }

    /** The table of the protocol of this short name. */
    public CiBuildTable table(String protocol) {
        return tables.stream().filter(table -> table.protocol().equals(protocol)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no protocol " + protocol));
    }

    public void writeTo(Path outDir) throws IOException {
        Files.createDirectories(outDir);
        Files.write(outDir.resolve("ci-builds.csv"), csvLines());
        Files.writeString(outDir.resolve("ci-builds.md"), markdown());
    }

    List<String> csvLines() {
        List<String> lines = new ArrayList<>();
        lines.add("protocol,project,predictor,alert_rule,builds,failures,auc,f1,precision,recall,tp,fp,fn,tn");
        tables.forEach(table -> lines.addAll(table.csvLines()));
        return lines;
    }

    public String markdown() {
        StringBuilder md = new StringBuilder("# Online CI build failure prediction\n\n");
        md.append("Each build is scored at its start and its outcome learned after it, in time order; ")
                .append("every alert is decided at the build's start from the builds finished before it.\n\n");
        tables.forEach(table -> md.append(table.markdown()));
        return md.toString();
    }
}
