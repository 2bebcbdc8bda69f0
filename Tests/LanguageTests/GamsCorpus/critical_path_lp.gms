$title Project scheduling: shortest makespan as an LP and the forward pass as a loop
*  Activities A 3, B 2 (after A), C 4 (after A), D 2 (after B and C), E 1 (after D).
*  By hand: the critical path A-C-D-E takes 3 + 4 + 2 + 1 = 10; earliest starts A 0, B 3,
*  C 3, D 7, E 9; B has 2 weeks of float.
*! solve 1 status 1 objective 10
*! es(D) = 7
*! es(E) = 9
*! es(C) = 3
*! float(B) = 2
*! float(C) = 0
Set a 'activities' / A, B, C, D, E /;
Alias (a,b);
Set pre(a,b) 'a must finish before b starts' / A.(B,C), (B,C).D, D.E /;
Parameters dur(a) / A 3, B 2, C 4, D 2, E 1 /
           es(a) 'earliest start', ls(a) 'latest start', float(a);
Positive Variable s(a) 'start';
Variable finish;
Equations prec(a,b), done(a);
prec(pre(a,b)).. s(b) =g= s(a) + dur(a);
done(a)..        finish =g= s(a) + dur(a);
Model project / all /;
solve project using lp minimizing finish;

* forward pass in list order (predecessors come first), then the backward pass
es(a) = 0;
* (smax over no predecessors is -INF, hence the max with 0)
loop(a, es(a) = max(0, smax(pre(b,a), es(b) + dur(b))));
Scalar k;
for(k = card(a) downto 1,
   loop(b$(ord(b) = k),
      ls(b) = min(finish.l - dur(b), smin(pre(b,a), ls(a)) - dur(b));
   );
);
float(a) = ls(a) - es(a);
display es, ls, float;
