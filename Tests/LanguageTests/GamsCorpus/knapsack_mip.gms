$title 0-1 knapsack (binary variables)
*  Five boxes (weight kg, value $): a 12/4, b 2/2, c 1/1, d 1/2, e 4/10, capacity 15 kg.
*  By hand: a alone weighs 12 and is worth only 4; b, c, d, e together weigh 8 and are
*  worth 15, and adding a would exceed 15 kg, so the optimum is 15 without a.
*! solve 1 status 1 objective 15
*! x.l(e) = 1
*! x.l(b) = 1
*! x.l(a) = 0
*! weight = 8
*! chosen = 4
Set i 'boxes' / a*e /;
Parameters w(i) 'weight' / a 12, b 2, c 1, d 1, e 4 /
           v(i) 'value'  / a 4,  b 2, c 1, d 2, e 10 /;
Scalar cap 'capacity' / 15 /;
Binary Variable x(i);
Variable total;
Equations capacity, value;
capacity.. sum(i, w(i)*x(i)) =l= cap;
value..    total =e= sum(i, v(i)*x(i));
Model knapsack / all /;
option optCr = 0;
solve knapsack using mip maximizing total;
Scalars weight 'kg packed', chosen 'boxes packed';
weight = sum(i, w(i)*x.l(i));
chosen = sum(i$(x.l(i) > 0.5), 1);
display x.l, weight, chosen;
