/** Models trained once on the toy problem, shared by the predict / explain / serialize tests. */
import type * as tf from '@tensorflow/tfjs';
import { mlp, softmaxRegression } from '../../../src/lib/core/models/families';
import { trainModel } from '../../../src/lib/core/models/train';
import { TOY_CLASSES, TOY_COLS, toyData } from './toyData';

export const toyTrain = toyData(300, 'toy-train');
export const toyTest = toyData(120, 'toy-test');

export async function trainedSoftmaxRegression(): Promise<tf.Sequential> {
  const params = { ...softmaxRegression.defaults, learningRate: 0.05, epochs: 12, batchSize: 64 };
  const model = softmaxRegression.build(TOY_COLS, TOY_CLASSES, params, 'fixture');
  await trainModel({ model, train: toyTrain, numClasses: TOY_CLASSES, params, seed: 'fixture' });
  return model;
}

export async function trainedMlp(): Promise<tf.Sequential> {
  const params = { ...mlp.defaults, learningRate: 0.01, epochs: 6, batchSize: 64, hiddenUnits: [16, 8] };
  const model = mlp.build(TOY_COLS, TOY_CLASSES, params, 'fixture');
  await trainModel({ model, train: toyTrain, numClasses: TOY_CLASSES, params, seed: 'fixture' });
  return model;
}
