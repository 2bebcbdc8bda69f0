/* Community energy sharing, one redistribution round, one set of weights per time step.
   GNU MathProg twin of community.enm --weights=step (the LP splits into one block per step).
   Data: data.dat written by generate.py.
     glpsol --check -m community.mod -d DIR/data.dat     (translation only)
     glpsol         -m community.mod -d DIR/data.dat     (translation and solve)

   Columns and rows are the same as in community.enm; glpsol additionally counts the
   objective "obj: z" as a row, so it reports one row more than the GAMS form. */

set T;                                   /* time steps t1..tT (15 min) */
set I;                                   /* producers p1..pP */
set J;                                   /* consumers c1..cC */
set LINK within J cross I;               /* consumer j may draw from producer i */

/* the links from either side: MathProg generates these sums much faster than slices
   sum{(j,i) in LINK} with one index fixed (8.5 s vs 16.8 s for T=672, P=20, C=100) */
set IJ := setof{(j,i) in LINK} (i,j);
set CI{i in I} := setof{(j,i) in LINK} j;   /* consumers linked to producer i */
set PJ{j in J} := setof{(j,i) in LINK} i;   /* producers linked to consumer j */

param E{T, I} >= 0, default 0;           /* surplus (kWh); zeros left out of the data */
param N{T, J} >= 0, default 0;           /* shortfall (kWh) */

var w{T, LINK} >= 0, <= 1;               /* share of producer i's surplus reserved for j in step t */
var f{T, IJ} >= 0;                       /* flow from i to j in step t */
var S{T, I} >= 0;                        /* surplus left over after the round */
var D{T, J} >= 0;                        /* shortfall left unmet after the round */
var z;                                   /* objective: unredistributed energy */

minimize obj: z;

s.t. zdef: z = sum{t in T, i in I} S[t,i] + sum{t in T, j in J} D[t,j];

s.t. wsum{t in T, i in I}: sum{j in CI[i]} w[t,j,i] <= 1;

s.t. cap{t in T, (i,j) in IJ}: f[t,i,j] <= E[t,i] * w[t,j,i];

s.t. sdef{t in T, i in I}: S[t,i] = E[t,i] - sum{j in CI[i]} f[t,i,j];

s.t. ddef{t in T, j in J}: D[t,j] = N[t,j] - sum{i in PJ[j]} f[t,i,j];

solve;

printf "objective z = %.8f\n", z;
printf "unused surplus = %.6f, unmet shortfall = %.6f\n",
       sum{t in T, i in I} S[t,i], sum{t in T, j in J} D[t,j];

end;
