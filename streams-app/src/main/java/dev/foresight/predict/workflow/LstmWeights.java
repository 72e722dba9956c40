package dev.foresight.predict.workflow;

/**
 * A snapshot of the trained network's parameters with a plain-Java forward pass: a DL4J {@code output()}
 * costs milliseconds of per-op overhead, these loops cost microseconds. Immutable, so the trainer swaps
 * a whole snapshot in while predictions run.
 *
 * <p>Parameters are widened to double once per snapshot, so the inner loops need no conversions.
 *
 * <p>Gate blocks follow DL4J's LSTM layout along the 4·hidden axis: block input (tanh), forget, output,
 * input gate (sigmoids); {@code c = f·c + i·a}, {@code h = o·tanh(c)}.
 *
 * @param input     [inputs][4·hidden], row-major (DL4J "W")
 * @param recurrent [hidden][4·hidden] (DL4J "RW")
 * @param bias      [4·hidden] (DL4J "b")
 * @param output    [hidden][outputs] of the identity output layer
 * @param update    how many training steps produced these weights
 */
record LstmWeights(int hidden, int outputs, double[] input, double[] recurrent, double[] bias,
                   double[] output, double[] outputBias, long update) {

    /**
     * The standardised outputs after the last step. {@code dense[step]} holds the step's dense features
     * (input rows {@code [0, dense.length)}); {@code hot[step]} the input rows set to 1.
     */
    double[] forward(float[][] dense, int[][] hot) {
        int gates = 4 * hidden;
        double[] z = new double[gates];
        double[] h = new double[hidden];
        double[] c = new double[hidden];
        for (int step = 0; step < dense.length; step++) {
            for (int g = 0; g < gates; g++) {
                z[g] = bias[g];
            }
            addRows(z, dense[step], gates);
            for (int row : hot[step]) {
                addRow(z, input, row * gates, 1, gates);
            }
            for (int j = 0; j < hidden; j++) {
                addRow(z, recurrent, j * gates, h[j], gates);
            }
            for (int j = 0; j < hidden; j++) {
                double blockInput = tanh(z[j]);
                double forget = sigmoid(z[hidden + j]);
                double out = sigmoid(z[2 * hidden + j]);
                double inputGate = sigmoid(z[3 * hidden + j]);
                c[j] = forget * c[j] + inputGate * blockInput;
                h[j] = out * tanh(c[j]);
            }
        }
        double[] y = new double[outputs];
        for (int o = 0; o < outputs; o++) {
            y[o] = outputBias[o];
        }
        for (int j = 0; j < hidden; j++) {
            addRow(y, output, j * outputs, h[j], outputs);
        }
        return y;
    }

    private void addRows(double[] z, float[] dense, int gates) {
        for (int k = 0; k < dense.length; k++) {
            if (dense[k] != 0) {
                addRow(z, input, k * gates, dense[k], gates);
            }
        }
    }

    private static void addRow(double[] target, double[] matrix, int offset, double factor, int length) {
        for (int i = 0; i < length; i++) {
            target[i] += factor * matrix[offset + i];
        }
    }

    private static double sigmoid(double x) {
        return 1 / (1 + Math.exp(-x));
    }

    /** Via the intrinsic {@code Math.exp}: {@code Math.tanh} is the slower strict-math routine, the top cost here. */
    private static double tanh(double x) {
        double t = Math.exp(-2 * Math.abs(x));
        return Math.copySign((1 - t) / (1 + t), x);
    }
}
