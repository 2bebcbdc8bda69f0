/* The transport model of examples/transport in GNU MathProg, for the start-up peer figure. */
set I; set J;
param a{I}; param b{J}; param d{I,J}; param f;
param c{i in I, j in J} := f * d[i,j] / 1000;
var x{I,J} >= 0;
minimize cost: sum{i in I, j in J} c[i,j] * x[i,j];
s.t. supply{i in I}: sum{j in J} x[i,j] <= a[i];
s.t. demand{j in J}: sum{i in I} x[i,j] >= b[j];
solve;
printf {j in J} "%s %g\n", j, demand[j].dual;
data;
set I := seattle san-diego;
set J := new-york chicago topeka;
param a := seattle 350 san-diego 600;
param b := new-york 325 chicago 300 topeka 275;
param d : new-york chicago topeka :=
  seattle 2.5 1.7 1.8
  san-diego 2.5 1.8 1.4;
param f := 90;
end;
