package dev.foresight.app;

import dev.foresight.predict.risk.HostFeatures;
import dev.foresight.predict.risk.OnlineRiskModel;
import dev.foresight.predict.risk.RiskModel;
import dev.foresight.predict.risk.RiskModelSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Supplier;

/** A checkpoint written by {@code train deployments}, read once at start so a bad file stops nothing but the start. */
final class RiskModelFile {

    private RiskModelFile() {
    }

    /**
     * @return a fresh model restored from the file for every stream task that asks
     * @throws UserError if the file cannot be read or is not a checkpoint of the guardian's risk model
     */
    static Supplier<RiskModel> load(Path file, RiskModelSettings settings) {
        byte[] checkpoint;
        try {
            checkpoint = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new UserError("--risk-model " + file + ": no such file", e);
        } catch (IOException e) {
            throw new UserError("--risk-model " + file + ": cannot be read (" + e.getMessage() + ")", e);
        }
        Supplier<RiskModel> models = () -> {
            OnlineRiskModel model = new OnlineRiskModel(HostFeatures.NAMES, settings);
            model.restore(checkpoint);
            return model;
        };
        try {
            models.get();
        } catch (IllegalArgumentException e) {
            throw new UserError("--risk-model " + file + ": not a checkpoint of the deployment risk model ("
                    + e.getMessage() + ")", e);
        }
        return models;
    }
}
