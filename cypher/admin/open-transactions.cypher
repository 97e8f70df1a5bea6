// admin/open-transactions — how many transactions are open in the database besides this one,
// so a test can prove that a client leaving mid-export leaves none behind.
// No parameters.
SHOW TRANSACTIONS YIELD transactionId, currentQuery
WHERE NOT currentQuery CONTAINS 'admin/open-transactions'
RETURN count(*) AS open
