* A Stackelberg leader facing %n% Cournot followers (inverse demand p = a - b*Q, constant costs).
* --form=mpec: one MPEC solve (Scholtes's relaxation through Ipopt).
* --form=grid: the obvious alternative: the leader's quantity on a grid of %steps% points, the
* followers' equilibrium an MCP at each, the best point kept.
$if not set n $set n 10
$if not set form $set form mpec
$if not set steps $set steps 200
Set j 'followers' / f1*f%n% /;
Parameter c(j) "followers' marginal cost";
option seed = 3;
c(j) = uniform(1, 3);
Scalar a / 100 /, b / 1 /, cl "leader's marginal cost" / 1 /;
Positive Variables ql 'leader', q(j) 'followers';
Variables p, profit;
Equations obj, price, follower(j);
obj.. profit =e= (p - cl)*ql;
price.. p =e= a - b*(ql + sum(j, q(j)));
follower(j).. c(j) - p + b*q(j) =g= 0;
Scalar best / -inf /, bestQ;
$ifThen %form% == mpec
Model stackelberg / obj, price, follower.q /;
solve stackelberg using mpec maximizing profit;
best = profit.l; bestQ = ql.l;
$else
Model market / price.p, follower.q /;
Set k / k0*k%steps% /;
Scalar value;
option solPrint = off;
loop(k,
   ql.fx = (ord(k) - 1)/%steps% * a/b;
   solve market using mcp;
   value = (p.l - cl)*ql.l;
   if(market.modelStat = 1 and value > best, best = value; bestQ = ql.l);
);
$endIf
display best, bestQ;
