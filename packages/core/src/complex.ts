/**
 * An immutable complex number `re + i·im`, just enough arithmetic to evaluate a real-analytic function
 * at a complex point — what the complex-step derivative needs (`method: 'complex-step'` of
 * {@link numericalDiff}, `numericalGradient`, `jacobian` and `hessian`, through their `fComplex`
 * option). Every binary operation also takes a plain number. The elementary functions are written so
 * that a tiny imaginary part keeps its relative accuracy (`sin(x + ih) = sin x·cosh h + i·cos x·sinh h`),
 * and `pow` with an integer exponent multiplies exactly instead of going through `exp(p·log z)`.
 *
 * `abs` follows the complex-step convention `abs(z) = z·sign(re z)` (the analytic continuation of
 * `|x|` away from 0), not the modulus; the modulus is {@link Complex.modulus}.
 *
 * @example
 * ```ts
 * const z = new Complex(1, 1e-20); // x = 1 plus a tiny imaginary step
 * z.mul(z).mul(z).im / 1e-20; // 3 = d/dx x³ at 1, with no cancellation
 * ```
 */
export class Complex {
  /**
   * @param re - The real part.
   * @param im - The imaginary part (default 0).
   */
  constructor(
    readonly re: number,
    readonly im = 0,
  ) {}

  /**
   * A complex number from a number (imaginary part 0) or a complex number (returned as is).
   *
   * @param z - A number or a complex number.
   * @returns The complex number.
   * @example
   * ```ts
   * Complex.from(2).im; // 0
   * ```
   */
  static from(z: number | Complex): Complex {
    return typeof z === 'number' ? new Complex(z, 0) : z;
  }

  /** `this + w`. */
  add(w: number | Complex): Complex {
    return typeof w === 'number'
      ? new Complex(this.re + w, this.im)
      : new Complex(this.re + w.re, this.im + w.im);
  }

  /** `this − w`. */
  sub(w: number | Complex): Complex {
    return typeof w === 'number'
      ? new Complex(this.re - w, this.im)
      : new Complex(this.re - w.re, this.im - w.im);
  }

  /** `this · w`. */
  mul(w: number | Complex): Complex {
    if (typeof w === 'number') return new Complex(this.re * w, this.im * w);
    return new Complex(this.re * w.re - this.im * w.im, this.re * w.im + this.im * w.re);
  }

  /** `this / w` (Smith's algorithm, no needless overflow). */
  div(w: number | Complex): Complex {
    if (typeof w === 'number') return new Complex(this.re / w, this.im / w);
    const { re: c, im: d } = w;
    if (Math.abs(d) <= Math.abs(c)) {
      const r = d / c;
      const t = c + d * r;
      return new Complex((this.re + this.im * r) / t, (this.im - this.re * r) / t);
    }
    const r = c / d;
    const t = c * r + d;
    return new Complex((this.re * r + this.im) / t, (this.im * r - this.re) / t);
  }

  /** `−this`. */
  neg(): Complex {
    return new Complex(-this.re, -this.im);
  }

  /** `this^p` for a real `p`: exact repeated multiplication for integers up to 64 in size, else `exp(p·log z)`. */
  pow(p: number): Complex {
    if (Number.isInteger(p) && Math.abs(p) <= 64) {
      let base: Complex = this;
      let result = new Complex(1, 0);
      for (let k = Math.abs(p); k > 0; k >>= 1) {
        if (k & 1) result = result.mul(base);
        if (k > 1) base = base.mul(base);
      }
      return p < 0 ? new Complex(1, 0).div(result) : result;
    }
    if (this.im === 0 && this.re >= 0) return new Complex(this.re ** p, 0);
    return this.log().mul(p).exp();
  }

  /** The principal square root. */
  sqrt(): Complex {
    const { re, im } = this;
    if (im === 0) return re >= 0 ? new Complex(Math.sqrt(re), 0) : new Complex(0, Math.sqrt(-re));
    const m = Math.hypot(re, im);
    if (re >= 0) {
      const r = Math.sqrt((m + re) / 2);
      return new Complex(r, im / (2 * r));
    }
    const s = Math.sqrt((m - re) / 2);
    return new Complex(Math.abs(im) / (2 * s), im < 0 ? -s : s);
  }

  /** `e^this`. */
  exp(): Complex {
    const e = Math.exp(this.re);
    return new Complex(e * Math.cos(this.im), e * Math.sin(this.im));
  }

  /** The principal natural logarithm. */
  log(): Complex {
    return new Complex(Math.log(Math.hypot(this.re, this.im)), Math.atan2(this.im, this.re));
  }

  /** `sin(this)`. */
  sin(): Complex {
    return new Complex(Math.sin(this.re) * Math.cosh(this.im), Math.cos(this.re) * Math.sinh(this.im));
  }

  /** `cos(this)`. */
  cos(): Complex {
    return new Complex(Math.cos(this.re) * Math.cosh(this.im), -Math.sin(this.re) * Math.sinh(this.im));
  }

  /** `tan(this) = (sin 2a + i·sinh 2b) / (cos 2a + cosh 2b)`: no cancellation in either part. */
  tan(): Complex {
    const { re: a, im: b } = this;
    const d = Math.cos(2 * a) + Math.cosh(2 * b);
    if (Math.abs(b) > 20) return new Complex(Math.sin(2 * a) / d, Math.sign(b));
    return new Complex(Math.sin(2 * a) / d, Math.sinh(2 * b) / d);
  }

  /** `sinh(this)`. */
  sinh(): Complex {
    return new Complex(Math.sinh(this.re) * Math.cos(this.im), Math.cosh(this.re) * Math.sin(this.im));
  }

  /** `cosh(this)`. */
  cosh(): Complex {
    return new Complex(Math.cosh(this.re) * Math.cos(this.im), Math.sinh(this.re) * Math.sin(this.im));
  }

  /** `tanh(this) = (sinh 2a + i·sin 2b) / (cosh 2a + cos 2b)`: no cancellation in either part. */
  tanh(): Complex {
    const { re: a, im: b } = this;
    const d = Math.cosh(2 * a) + Math.cos(2 * b);
    if (Math.abs(a) > 20) return new Complex(Math.sign(a), Math.sin(2 * b) / d);
    return new Complex(Math.sinh(2 * a) / d, Math.sin(2 * b) / d);
  }

  /** `atan(this)`: `½·atan2(2x, 1 − x² − y²) + i·¼·log1p(4y / (x² + (1 − y)²))`. */
  atan(): Complex {
    const { re: x, im: y } = this;
    const d = x * x + (1 - y) * (1 - y);
    return new Complex(0.5 * Math.atan2(2 * x, (1 - y) * (1 + y) - x * x), 0.25 * Math.log1p((4 * y) / d));
  }

  /** The complex-step `abs`: `this` or `−this` by the sign of the real part (analytic off 0). */
  abs(): Complex {
    return this.re < 0 || Object.is(this.re, -0) ? this.neg() : this;
  }

  /** The modulus `√(re² + im²)`. */
  modulus(): number {
    return Math.hypot(this.re, this.im);
  }
}
