/** Deliberately broken code: each class here crosses one boundary, so each architecture rule can be seen failing. */
package archfixture.broken;
