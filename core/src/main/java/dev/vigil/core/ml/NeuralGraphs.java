package dev.vigil.core.ml;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Glorot;
import org.tensorflow.framework.initializers.VarianceScaling;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tribuo.interop.tensorflow.example.GraphDefTuple;
import org.tribuo.interop.tensorflow.example.MLPExamples;

/**
 * The TensorFlow graphs of the neural window classifiers. Each takes one dense row of standardised features
 * per window and ends in two logits (Tribuo's label converter adds the softmax and the cross-entropy loss).
 * The recurrent ones read the row as {@code steps} consecutive slices of {@code features} values (the
 * time-major layout of {@link dev.vigil.core.window.WindowSequences}) and are unrolled over the steps with
 * plain TensorFlow operations, so the whole window sequence is classified once, by its last hidden state.
 */
final class NeuralGraphs {

    static final String INPUT = "windows";

    private NeuralGraphs() {
    }

    /** Two ReLU layers of 64 and 32 units. */
    static GraphDefTuple mlp(int features) {
        return MLPExamples.buildMLPGraph(INPUT, features, new int[] {64, 32}, 2);
    }

    /** An LSTM of {@code units} cells over {@code steps} slices of {@code features} values. */
    static GraphDefTuple lstm(int steps, int features, int units, long seed) {
        return recurrent(steps, features, units, seed, true);
    }

    /** A GRU of {@code units} cells over {@code steps} slices of {@code features} values. */
    static GraphDefTuple gru(int steps, int features, int units, long seed) {
        return recurrent(steps, features, units, seed, false);
    }

    private static GraphDefTuple recurrent(int steps, int features, int units, long seed, boolean lstm) {
        try (Graph graph = new Graph()) {
            Ops tf = Ops.create(graph);
            Glorot<TFloat32> init = new Glorot<>(VarianceScaling.Distribution.TRUNCATED_NORMAL, seed);
            Placeholder<TFloat32> input = tf.withName(INPUT).placeholder(TFloat32.class,
                    Placeholder.shape(Shape.of(-1, (long) steps * features)));
            int gates = lstm ? 4 : 3;
            Variable<TFloat32> inputWeights = tf.variable(init.call(tf, tf.array(features, (long) gates * units), TFloat32.class));
            Variable<TFloat32> stateWeights = tf.variable(init.call(tf, tf.array(units, (long) gates * units), TFloat32.class));
            Variable<TFloat32> bias = tf.variable(tf.fill(tf.array((long) gates * units), tf.constant(0f)));
            Operand<TFloat32> one = tf.constant(1f);
            Operand<TFloat32> h = null;
            Operand<TFloat32> c = null;
            for (int t = 0; t < steps; t++) {
                Operand<TFloat32> x = tf.slice(input, tf.constant(new long[] {0, (long) t * features}),
                        tf.constant(new long[] {-1, features}));
                Operand<TFloat32> fromInput = tf.math.add(tf.linalg.matMul(x, inputWeights), bias);
                if (lstm) {
                    // Gates: input, forget (biased towards remembering), candidate, output.
                    Operand<TFloat32> z = h == null ? fromInput : tf.math.add(fromInput, tf.linalg.matMul(h, stateWeights));
                    List<Operand<TFloat32>> g = split(tf, z, 4);
                    Operand<TFloat32> in = tf.math.sigmoid(g.get(0));
                    Operand<TFloat32> candidate = tf.math.tanh(g.get(2));
                    Operand<TFloat32> out = tf.math.sigmoid(g.get(3));
                    c = c == null ? tf.math.mul(in, candidate)
                            : tf.math.add(tf.math.mul(tf.math.sigmoid(tf.math.add(g.get(1), one)), c),
                                    tf.math.mul(in, candidate));
                    h = tf.math.mul(out, tf.math.tanh(c));
                } else {
                    // Gates: reset, update, candidate; the reset gate scales the state's part of the candidate.
                    List<Operand<TFloat32>> gx = split(tf, fromInput, 3);
                    Operand<TFloat32> update;
                    Operand<TFloat32> candidate;
                    if (h == null) {
                        update = tf.math.sigmoid(gx.get(1));
                        candidate = tf.math.tanh(gx.get(2));
                        h = tf.math.mul(tf.math.sub(one, update), candidate);
                    } else {
                        List<Operand<TFloat32>> gh = split(tf, tf.linalg.matMul(h, stateWeights), 3);
                        Operand<TFloat32> reset = tf.math.sigmoid(tf.math.add(gx.get(0), gh.get(0)));
                        update = tf.math.sigmoid(tf.math.add(gx.get(1), gh.get(1)));
                        candidate = tf.math.tanh(tf.math.add(gx.get(2), tf.math.mul(reset, gh.get(2))));
                        h = tf.math.add(tf.math.mul(tf.math.sub(one, update), candidate), tf.math.mul(update, h));
                    }
                }
            }
            Variable<TFloat32> outputWeights = tf.variable(init.call(tf, tf.array(units, 2L), TFloat32.class));
            Variable<TFloat32> outputBias = tf.variable(tf.fill(tf.array(2L), tf.constant(0f)));
            Operand<TFloat32> logits = tf.math.add(tf.linalg.matMul(h, outputWeights), outputBias);
            return new GraphDefTuple(graph.toGraphDef(), INPUT, logits.op().name());
        }
    }

    private static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> value, int parts) {
        return tf.split(tf.constant(1), value, (long) parts).output().stream()
                .map(o -> (Operand<TFloat32>) o).toList();
    }
}
